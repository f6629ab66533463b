package dev.gantry.guardrails.injection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.ml.MiniLmEmbedder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Latency of the detector on 1,000-character prompts built from the dev data (single thread, the
 * embedder's cache off so every call embeds). {@link #main} runs the measurement and prints p50 and
 * p99; the test only guards against a pathological slowdown.
 */
class InjectionLatencyTest {

  /** Percentiles, in milliseconds. */
  record Latency(double p50, double p99, int calls) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "p50 %.3f ms, p99 %.3f ms (%d calls)", p50, p99, calls);
    }
  }

  /** Dev texts cut to, or joined up to, exactly {@code chars} characters. */
  static List<String> prompts(int chars) throws Exception {
    List<String> out = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (LabeledText r : LabeledText.readJsonl(Path.of("../data/injection/dev.jsonl"))) {
      pending.append(r.text()).append('\n');
      if (pending.length() >= chars) {
        out.add(pending.substring(0, chars));
        pending.setLength(0);
      }
    }
    return out;
  }

  static Latency measure(InjectionDetector detector, List<String> prompts, int warmup, int calls) {
    return measure(detector, prompts, null, warmup, calls);
  }

  /**
   * @param vectors per prompt, the document embedding to hand to the detector, or null
   */
  static Latency measure(
      InjectionDetector detector,
      List<String> prompts,
      List<float[]> vectors,
      int warmup,
      int calls) {
    for (int i = 0; i < warmup; i++) {
      detector.detect(prompts.get(i % prompts.size()));
    }
    long[] nanos = new long[calls];
    for (int i = 0; i < calls; i++) {
      String p = prompts.get(i % prompts.size());
      float[] v = vectors == null ? null : vectors.get(i % prompts.size());
      long start = System.nanoTime();
      detector.detect(p, v);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return new Latency(
        nanos[calls / 2] / 1e6, nanos[(int) Math.ceil(calls * 0.99) - 1] / 1e6, calls);
  }

  static String run(boolean full) throws Exception {
    List<String> prompts = prompts(1000);
    Latency heuristics =
        measure(
            InjectionDetector.heuristicsOnly(), prompts, full ? 5000 : 500, full ? 20000 : 1000);
    MiniLmEmbedder embedder = new MiniLmEmbedder(0);
    InjectionDetector detector = InjectionDetector.defaults(embedder);
    Latency both = measure(detector, prompts, full ? 100 : 20, full ? 1000 : 100);
    List<float[]> vectors = embedder.embedAll(prompts);
    Latency reusing = measure(detector, prompts, vectors, full ? 100 : 20, full ? 1000 : 100);
    Latency embedding = embeddingOnly(embedder, prompts, full ? 1000 : 100);
    return "1000-character prompts ("
        + prompts.size()
        + " distinct), one thread\n  heuristics only:                         "
        + heuristics
        + "\n  heuristics + classifier:                 "
        + both
        + "\n  heuristics + classifier, embedding given: "
        + reusing
        + "\n  (one embedding of the prompt alone:       "
        + embedding
        + ")\n";
  }

  static Latency embeddingOnly(MiniLmEmbedder embedder, List<String> prompts, int calls) {
    long[] nanos = new long[calls];
    for (int i = 0; i < calls; i++) {
      String p = prompts.get(i % prompts.size());
      long start = System.nanoTime();
      embedder.embed(p);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return new Latency(
        nanos[calls / 2] / 1e6, nanos[(int) Math.ceil(calls * 0.99) - 1] / 1e6, calls);
  }

  public static void main(String[] args) throws Exception {
    System.out.print(run(true));
  }

  /**
   * Not a benchmark (that is {@link #main} and {@code bench/guard-latency.sh}): a bound two orders
   * of magnitude above the recorded median (0.07 ms), so only a pathological regression such as
   * catastrophic regex backtracking fails it, never a slow or busy machine.
   */
  @Test
  void heuristics_have_no_pathological_slowdown_on_thousand_character_prompts() throws Exception {
    List<String> prompts = prompts(1000);
    assertThat(prompts).hasSizeGreaterThan(300);
    Latency heuristics = measure(InjectionDetector.heuristicsOnly(), prompts, 200, 1000);
    System.out.println("injection heuristics, 1,000-character prompts: " + heuristics);
    assertThat(heuristics.p50()).isLessThan(10);
  }
}
