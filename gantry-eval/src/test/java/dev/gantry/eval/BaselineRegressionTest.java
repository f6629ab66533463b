package dev.gantry.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.eval.baseline.MetricComparison;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Scenario;
import dev.gantry.sim.Simulator;
import dev.gantry.testkit.GantryTestKit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model change that breaks half the answers is caught against the previous run's report. */
class BaselineRegressionTest {
  private static final int CASES = 16;

  @TempDir Path dir;

  private static String scenario(boolean broken) {
    StringBuilder b = new StringBuilder("rules:\n");
    for (int i = 0; i < CASES; i++) {
      String id = String.format(java.util.Locale.ROOT, "Q-%02d", i);
      String answer = broken && i % 2 == 0 ? "no idea" : "answer-" + id;
      b.append("  - match: {contains: '")
          .append(id)
          .append("'}\n    reply: '")
          .append(answer)
          .append("'\n");
    }
    return b.toString();
  }

  private static String suite() {
    StringBuilder b =
        new StringBuilder(
            "target: {model: m}\nthresholds: {pass_rate: 0.4}\n"
                + "defaults: {prompt: 'Question {{q}}', assert: [{type: contains, value: 'answer-{{q}}'},"
                + " {type: token-f1, value: 'answer-{{q}}'}]}\ncases:\n");
    for (int i = 0; i < CASES; i++) {
      b.append(String.format(java.util.Locale.ROOT, "  - {id: c%02d, vars: {q: Q-%02d}}\n", i, i));
    }
    return b.toString();
  }

  @Test
  void a_significant_drop_fails_only_with_fail_on_regression() throws Exception {
    Path suite = dir.resolve("suite.yaml");
    Files.writeString(suite, suite());
    try (Simulator sim = GantryTestKit.simulator(scenario(false));
        Gateway gateway = GantryTestKit.gateway(GantryTestKit.simConfig("m"), sim)) {
      EvalOptions.Builder base =
          EvalOptions.builder(suite)
              .target(gateway.baseUrl())
              .cacheDir(dir.resolve("cache"))
              .progress(ProgressMode.NONE)
              .retryBackoff(Duration.ofMillis(10))
              .env(Map.of());
      EvalOutcome before =
          new EvalRunner(base.out(dir.resolve("before")).build(), sink()).execute();
      assertThat(before.exitCode()).isEqualTo(ExitCodes.PASSED);
      assertThat(before.result().metrics().passRate()).isEqualTo(1.0);

      sim.scenario(Scenario.parse(scenario(true)));
      Path baseline = dir.resolve("before/report.json");
      EvalOutcome informational =
          new EvalRunner(
                  base.out(dir.resolve("after1")).noCache(true).baseline(baseline).build(), sink())
              .execute();
      assertThat(informational.exitCode()).as("thresholds still hold").isEqualTo(ExitCodes.PASSED);
      assertThat(informational.result().baseline().regressed()).isTrue();

      ByteArrayOutputStream console = new ByteArrayOutputStream();
      EvalOutcome gated =
          new EvalRunner(
                  base.out(dir.resolve("after2"))
                      .noCache(true)
                      .baseline(baseline)
                      .failOnRegression(true)
                      .build(),
                  new PrintStream(console, true, StandardCharsets.UTF_8))
              .execute();
      assertThat(gated.exitCode()).isEqualTo(ExitCodes.FAILED);
      assertThat(gated.result().regressionFailed()).isTrue();
      assertThat(gated.result().baseline().newlyFailing())
          .containsExactly("c00", "c02", "c04", "c06", "c08", "c10", "c12", "c14");
      MetricComparison passRate = gated.result().baseline().metrics().get(0);
      assertThat(passRate.name()).isEqualTo("pass_rate");
      assertThat(passRate.delta().estimate()).isEqualTo(-0.5);
      assertThat(passRate.delta().high()).isLessThan(0);
      String text = console.toString(StandardCharsets.UTF_8);
      assertThat(text).contains("pass_rate -0.500 [95% CI").contains("REGRESSION");
      assertThat(text).contains("RESULT: FAILED (regression against the baseline)");
      assertThat(Files.readString(dir.resolve("after2/summary.md")))
          .contains("Newly failing: `c00`");

      EvalOutcome sameAsBaseline =
          new EvalRunner(
                  base.out(dir.resolve("after3"))
                      .noCache(false)
                      .baseline(baseline)
                      .failOnRegression(true)
                      .build(),
                  sink())
              .execute();
      assertThat(sameAsBaseline.exitCode())
          .as("the cache still holds the baseline's answers, so nothing changed")
          .isEqualTo(ExitCodes.PASSED);
    }
  }

  @Test
  void an_unreadable_baseline_exits_2() throws Exception {
    Path suite = dir.resolve("suite.yaml");
    Files.writeString(suite, suite());
    Path bogus = dir.resolve("bogus.json");
    Files.writeString(bogus, "{\"not\": \"a report\"}");
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    EvalOutcome outcome =
        new EvalRunner(
                EvalOptions.builder(suite)
                    .target("http://127.0.0.1:1")
                    .baseline(bogus)
                    .env(Map.of())
                    .build(),
                new PrintStream(console, true, StandardCharsets.UTF_8))
            .execute();
    assertThat(outcome.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(console.toString(StandardCharsets.UTF_8))
        .contains("is not a gantry eval report.json");
  }

  private static PrintStream sink() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }
}
