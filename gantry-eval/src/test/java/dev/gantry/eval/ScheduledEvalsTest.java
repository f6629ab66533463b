package dev.gantry.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.events.EvalRunCompleted;
import dev.gantry.core.time.ManualTime;
import dev.gantry.eval.schedule.ScheduledEvals;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Scenario;
import dev.gantry.sim.Simulator;
import dev.gantry.testkit.Eventually;
import dev.gantry.testkit.GantryTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evals:} of a real gateway run on its clock against itself: a run that passes, then, once
 * the upstream's answers go wrong, a run that fails its threshold and regresses against the first,
 * which fires the evaluation's alert; the runs are stored.
 */
class ScheduledEvalsTest {
  @TempDir Path dir;

  static final String RIGHT =
      "rules:\n"
          + "  - match: {contains: \"capital\"}\n"
          + "    reply: \"The capital is Paris.\"\n";
  static final String WRONG =
      "rules:\n  - match: {contains: \"capital\"}\n    reply: \"No idea.\"\n";

  @Test
  void a_run_that_fails_its_threshold_and_regresses_fires_the_alert() throws Exception {
    StringBuilder suite = new StringBuilder("thresholds: {pass_rate: 0.9}\ncases:\n");
    for (int i = 0; i < 10; i++) {
      suite.append("  - {id: c").append(i).append(", prompt: 'capital number ").append(i);
      suite.append("?', assert: [{type: contains, value: Paris}]}\n");
    }
    Path suiteFile = dir.resolve("suite.yaml");
    Files.writeString(suiteFile, suite.toString());
    ManualTime time = new ManualTime(Instant.parse("2026-03-01T10:00:00Z"));
    List<EvalRunCompleted> runs = new CopyOnWriteArrayList<>();
    try (Simulator sim = GantryTestKit.simulator(RIGHT)) {
      String yaml =
          GantryTestKit.simConfig("ask")
              + "audit: {enabled: true}\n"
              + "data_dir: "
              + dir.resolve("data")
              + "\n"
              + "evals:\n"
              + "  - {name: nightly, suite: \""
              + suiteFile
              + "\", route: ask, every: 1h, severity: critical}\n";
      try (Gateway gateway =
          Gateway.start(GantryTestKit.config(yaml, sim), GantryTestKit.options().withTime(time))) {
        gateway.monitoring().events().subscribe(EvalRunCompleted.class, runs::add);
        assertThat(ScheduledEvals.start(gateway, Map.of())).isNotNull();

        time.advance(Duration.ofHours(1));
        Eventually.until("the first run", () -> runs.size() == 1);
        EvalRunCompleted first = runs.get(0);
        assertThat(first.error()).isNull();
        assertThat(first.cases()).isEqualTo(10);
        assertThat(first.passRate()).isEqualTo(1.0);
        assertThat(first.failed()).isFalse();
        assertThat(gateway.monitoring().alerts().firing()).isEmpty();

        sim.scenario(Scenario.parse(WRONG));
        time.advance(Duration.ofHours(1));
        Eventually.until("the second run", () -> runs.size() == 2);
        EvalRunCompleted second = runs.get(1);
        assertThat(second.passRate()).isEqualTo(0.0);
        assertThat(second.thresholdsPassed()).isFalse();
        assertThat(second.regressed()).isNotEmpty();
        assertThat(gateway.monitoring().alerts().firing()).containsExactly("eval_nightly");
        assertThat(gateway.monitoring().store().evalRuns("nightly", 10))
            .extracting(r -> r.passed())
            .containsExactly(false, true);
      }
    }
  }
}
