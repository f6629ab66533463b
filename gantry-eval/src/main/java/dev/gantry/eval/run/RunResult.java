package dev.gantry.eval.run;

import dev.gantry.eval.baseline.BaselineComparison;
import dev.gantry.eval.suite.Suite;
import java.util.List;
import java.util.Objects;

/**
 * A whole run: the suite, how it ran, every case, the metrics, the thresholds and the baseline
 * comparison.
 *
 * @param baseline null when no baseline was given
 * @param passed whether every threshold held and, with {@code failOnRegression}, no gated metric
 *     regressed significantly
 * @param failOnRegression whether a significant regression fails the run
 */
public record RunResult(
    Suite suite,
    RunInfo info,
    List<CaseResult> cases,
    Metrics metrics,
    List<ThresholdResult> thresholds,
    BaselineComparison baseline,
    boolean failOnRegression,
    boolean passed) {
  public RunResult {
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(info, "info");
    cases = List.copyOf(cases);
    Objects.requireNonNull(metrics, "metrics");
    thresholds = List.copyOf(thresholds);
  }

  /** Whether every threshold held. */
  public boolean thresholdsPassed() {
    return thresholds.stream().allMatch(ThresholdResult::passed);
  }

  /** Whether the run fails because of a significant regression against the baseline. */
  public boolean regressionFailed() {
    return failOnRegression && baseline != null && baseline.regressed();
  }
}
