package dev.gantry.guardrails.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Latency of {@link PiiDetector#detect} on 1,000-character texts made of held-out samples. p50 and
 * p99 are printed for the record (the benchmark is {@code bench/guard-latency.sh}); only the median
 * is bounded, two orders of magnitude above the recorded ~1 ms, so that only a pathological
 * regression fails it, never a slow or busy machine.
 */
class PiiLatencyTest {
  @Test
  void detection_has_no_pathological_slowdown_on_thousand_character_texts() {
    PiiDetector detector = PiiDetector.defaults();
    List<String> texts = thousandCharacterTexts();
    for (int i = 0; i < 300; i++) {
      detector.detect(texts.get(i % texts.size()));
    }
    int runs = 2000;
    long[] nanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      String text = texts.get(i % texts.size());
      long t0 = System.nanoTime();
      detector.detect(text);
      nanos[i] = System.nanoTime() - t0;
    }
    Arrays.sort(nanos);
    double p50 = nanos[runs / 2] / 1e6;
    double p99 = nanos[(int) (runs * 0.99)] / 1e6;
    System.out.printf(
        Locale.ROOT,
        "== PiiDetector.defaults().detect on %d texts of 1,000 chars, %d runs: p50 %.3f ms, p99 %.3f ms%n",
        texts.size(),
        runs,
        p50,
        p99);
    assertThat(p50).isLessThan(100.0);
  }

  private static List<String> thousandCharacterTexts() {
    List<String> out = new ArrayList<>();
    StringBuilder b = new StringBuilder();
    for (PiiSamples.Sample s : PiiSamples.where(PiiSamples.Sample::isTest)) {
      b.append(s.text()).append(' ');
      if (b.length() >= 1000) {
        out.add(b.substring(0, 1000));
        b.setLength(0);
      }
    }
    return out;
  }
}
