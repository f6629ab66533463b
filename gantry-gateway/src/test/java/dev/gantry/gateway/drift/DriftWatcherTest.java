package dev.gantry.gateway.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.core.config.MonitoringConfig;
import dev.gantry.core.events.DriftMeasured;
import dev.gantry.core.events.EventBus;
import dev.gantry.ml.Embedder;
import dev.gantry.ml.MiniLmEmbedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Input drift on real MiniLM embeddings: the demo's knowledge-base questions as the reference, then
 * either more of the same (no alarm) or off-domain requests (an alarm within one recent window).
 */
class DriftWatcherTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final MonitoringConfig.Drift CONFIG =
      new MonitoringConfig.Drift(true, List.of(), 1.0, 40, 20, 200, 0.01);
  static Embedder embedder;
  static List<String> demo;
  static List<String> offDomain;

  @BeforeAll
  static void load() throws IOException {
    embedder = new MiniLmEmbedder(1000);
    demo = questions(Path.of("..", "examples", "rag", "qa.jsonl"), null);
    offDomain = questions(Path.of("..", "examples", "rag", "unanswerable.jsonl"), "off-domain");
  }

  static List<String> questions(Path file, String kind) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      var node = JSON.readTree(line);
      if (kind == null || kind.equals(node.path("kind").asText())) {
        out.add(node.path("question").asText());
      }
    }
    return out;
  }

  final EventBus events = new EventBus();
  final List<DriftMeasured> measured = new ArrayList<>();
  final DriftWatcher watcher =
      new DriftWatcher(CONFIG, () -> embedder, Runnable::run, events, new SplittableRandom(5));

  {
    events.subscribe(DriftMeasured.class, measured::add);
  }

  void send(List<String> texts) {
    texts.forEach(t -> watcher.observe("ask", t, true, false, false));
  }

  @Test
  void more_of_the_same_questions_raise_no_alarm() {
    send(demo.subList(0, 40));
    send(demo.subList(40, 120));
    // A test every 5 samples once the recent window of 20 is full: 80 samples, 13 tests.
    // Measured: the smallest p-value of the 13 was 0.16, far from the 0.01 level.
    assertThat(measured).hasSize(13);
    assertThat(measured).noneMatch(DriftMeasured::drifted);
    assertThat(measured).allSatisfy(m -> assertThat(m.samples()).isEqualTo(20));
  }

  @Test
  void off_domain_traffic_is_detected_within_one_recent_window() {
    send(demo.subList(0, 40));
    send(demo.subList(40, 60));
    assertThat(measured).hasSize(1);
    assertThat(measured.get(0).drifted()).isFalse();
    int before = measured.size();
    int delay = -1;
    for (int i = 0; i < 20 && delay < 0; i++) {
      send(List.of(offDomain.get(i)));
      if (measured.size() > before && measured.get(measured.size() - 1).drifted()) {
        delay = i + 1;
      }
    }
    // Measured: the alarm came at the third test, 15 off-domain samples in (p = 0.005).
    assertThat(delay).as("off-domain samples until the first alarm").isBetween(1, 20);
    DriftMeasured alarm = measured.get(measured.size() - 1);
    assertThat(alarm.pValue()).isLessThanOrEqualTo(0.01);
    assertThat(alarm.score()).isGreaterThan(1);
  }

  @Test
  void unwatched_routes_and_the_flags_shares_are_reported() {
    DriftWatcher some =
        new DriftWatcher(
            new MonitoringConfig.Drift(true, List.of("ask"), 1.0, 20, 20, 50, 0.05),
            () -> embedder,
            Runnable::run,
            events,
            new SplittableRandom(5));
    demo.subList(0, 60).forEach(t -> some.observe("other", t, true, true, true));
    assertThat(measured).isEmpty();
    for (int i = 0; i < 40; i++) {
      some.observe("ask", demo.get(i), true, i % 4 == 0, i % 2 == 0);
    }
    DriftMeasured m = measured.get(measured.size() - 1);
    assertThat(m.unanswerableShare()).isEqualTo(0.25);
    assertThat(m.guardrailTriggerShare()).isEqualTo(0.5);
  }
}
