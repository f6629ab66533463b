package dev.gantry.eval.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaselineComparatorTest {
  private final BaselineComparator comparator =
      new BaselineComparator(new Bootstrap(42, 2000, 0.95));

  private static CaseRecord rec(String id, boolean passed, double f1, long ms) {
    return new CaseRecord(
        id, passed, passed ? 1 : 0, ms, new BigDecimal("0.001"), Map.of("token-f1", f1));
  }

  @Test
  void lists_flips_and_cases_present_in_only_one_run() {
    List<CaseRecord> before =
        List.of(
            rec("a", true, 1, 10),
            rec("b", false, 0, 10),
            rec("c", true, 1, 10),
            rec("gone", true, 1, 10));
    List<CaseRecord> after =
        List.of(
            rec("a", false, 0, 10),
            rec("b", true, 1, 10),
            rec("c", true, 1, 10),
            rec("new", true, 1, 10));
    BaselineComparison c = comparator.compare("base.json", before, after);
    assertThat(c.paired()).isEqualTo(3);
    assertThat(c.newlyFailing()).containsExactly("a");
    assertThat(c.newlyPassing()).containsExactly("b");
    assertThat(c.added()).containsExactly("new");
    assertThat(c.removed()).containsExactly("gone");
    assertThat(c.metrics())
        .extracting(MetricComparison::name)
        .containsExactly(
            "pass_rate", "mean_score", "mean_score[token-f1]", "p95_latency_ms", "mean_cost_usd");
    assertThat(c.regressed()).isFalse();
  }

  @Test
  void a_broad_quality_drop_is_a_gated_regression() {
    List<CaseRecord> before = new ArrayList<>();
    List<CaseRecord> after = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      before.add(rec("c" + i, true, 1.0, 100));
      after.add(rec("c" + i, i % 2 == 1, i % 2 == 1 ? 1.0 : 0.2, 100));
    }
    BaselineComparison c = comparator.compare("base.json", before, after);
    MetricComparison passRate = c.metrics().get(0);
    assertThat(passRate.name()).isEqualTo("pass_rate");
    assertThat(passRate.delta().estimate()).isEqualTo(-0.5);
    assertThat(passRate.significantRegression()).isTrue();
    assertThat(c.regressed()).isTrue();
  }

  @Test
  void slower_latency_is_reported_but_does_not_gate() {
    List<CaseRecord> before = new ArrayList<>();
    List<CaseRecord> after = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      before.add(rec("c" + i, true, 1.0, 100 + i));
      after.add(rec("c" + i, true, 1.0, 400 + i));
    }
    BaselineComparison c = comparator.compare("base.json", before, after);
    MetricComparison latency =
        c.metrics().stream()
            .filter(m -> m.name().equals("p95_latency_ms"))
            .findFirst()
            .orElseThrow();
    assertThat(latency.significantRegression()).isTrue();
    assertThat(latency.gated()).isFalse();
    assertThat(c.regressed()).isFalse();
  }
}
