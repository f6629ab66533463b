package dev.gantry.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.api.Json;
import dev.gantry.eval.assertion.AssertionResult;
import dev.gantry.eval.suite.Thresholds;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsAndThresholdsTest {
  private static CaseResult result(
      String id, boolean passed, Long ms, String cost, String error, List<String> tags) {
    return new CaseResult(
        id,
        0,
        null,
        tags,
        "m",
        Json.MAPPER.createObjectNode(),
        null,
        "",
        List.of(new AssertionResult("token-f1", false, 1, passed, passed ? 0.9 : 0.1, 0.5, "x")),
        passed,
        passed ? 0.9 : 0.1,
        null,
        ms,
        cost == null ? null : new BigDecimal(cost),
        false,
        1,
        error);
  }

  private static List<CaseResult> twenty() {
    List<CaseResult> cases = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      cases.add(
          result(
              "c" + i,
              i <= 15,
              (long) i * 10,
              i % 2 == 0 ? "0.01" : null,
              null,
              List.of(i <= 10 ? "a" : "b")));
    }
    return cases;
  }

  @Test
  void aggregates_pass_rate_latency_percentiles_cost_and_tags() {
    Metrics m = MetricsCalculator.compute(twenty());
    assertThat(m.passRate()).isEqualTo(0.75);
    assertThat(m.p50LatencyMs()).isEqualTo(100);
    assertThat(m.p95LatencyMs()).isEqualTo(190);
    assertThat(m.totalCostUsd()).isEqualByComparingTo("0.10");
    assertThat(m.costReported()).isEqualTo(10);
    assertThat(m.byType().get("token-f1").meanScore())
        .isCloseTo(0.7, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(m.byTag().get("a").passRate()).isEqualTo(1.0);
    assertThat(m.byTag().get("b").passRate()).isEqualTo(0.5);
  }

  @Test
  void thresholds_pass_and_fail_on_their_limits() {
    Metrics m = MetricsCalculator.compute(twenty());
    List<ThresholdResult> ok =
        ThresholdCheck.check(
            new Thresholds(0.75, Map.of("token-f1", 0.7), 190L, new BigDecimal("0.10")), m);
    assertThat(ok).allMatch(ThresholdResult::passed);
    List<ThresholdResult> strict =
        ThresholdCheck.check(
            new Thresholds(0.8, Map.of("token-f1", 0.71), 189L, new BigDecimal("0.09")), m);
    assertThat(strict).noneMatch(ThresholdResult::passed);
    assertThat(strict.get(3).detail()).isEqualTo("10 of 20 cases reported a cost");
  }

  @Test
  void a_threshold_on_something_not_measured_fails_with_the_reason() {
    Metrics m =
        MetricsCalculator.compute(
            List.of(result("x", false, null, null, "request failed", List.of())));
    List<ThresholdResult> r =
        ThresholdCheck.check(
            new Thresholds(null, Map.of("similar", 0.5), 1000L, BigDecimal.ONE), m);
    assertThat(r)
        .extracting(ThresholdResult::detail)
        .containsExactly(
            "no similar assertion ran",
            "no case was answered",
            "no case reported a cost (x-gantry-cost-usd)");
    assertThat(r).noneMatch(ThresholdResult::passed);
    assertThat(m.errors()).isEqualTo(1);
  }

  @Test
  void progress_lines_and_bar() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Progress lines = Progress.lines(out);
    lines.caseDone(result("c1", true, 12L, null, null, List.of()), 1, 10, 0);
    lines.caseDone(
        result("c2", false, null, null, "request failed after 3 attempt(s): timed out", List.of()),
        2,
        10,
        1);
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "[ 1/10] PASS  c1  0.90  12 ms\n[ 2/10] ERROR c2  0.10  request failed after 3 attempt(s): timed out\n");
    bytes.reset();
    Progress bar = Progress.bar(out);
    bar.started(4);
    bar.caseDone(result("c1", true, 12L, null, null, List.of()), 1, 4, 0);
    bar.caseDone(result("c2", false, 12L, null, null, List.of()), 2, 4, 1);
    bar.completed();
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .endsWith("\r[###############---------------] 2/4  50%  1 failed\n")
        .startsWith("\r[------------------------------] 0/4   0%");
  }
}
