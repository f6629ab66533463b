package dev.gantry.eval.baseline;

import java.util.Objects;

/**
 * One metric in both runs, over the cases they share.
 *
 * @param name e.g. {@code pass_rate}, {@code mean_score[token-f1]}, {@code p95_latency_ms}
 * @param higherIsBetter whether a rise is an improvement
 * @param gated whether a significant regression fails the run under {@code --fail-on-regression}
 *     (quality metrics are; latency and cost are reported only)
 * @param pairs how many cases the metric was compared on
 * @param delta current minus baseline, with its bootstrap interval
 */
public record MetricComparison(
    String name,
    boolean higherIsBetter,
    boolean gated,
    int pairs,
    double baseline,
    double current,
    Interval delta) {
  public MetricComparison {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(delta, "delta");
  }

  /** The interval shows the metric got worse: entirely below 0 (above 0 when lower is better). */
  public boolean significantRegression() {
    return higherIsBetter ? delta.entirelyBelowZero() : delta.entirelyAboveZero();
  }

  /** The interval shows the metric got better. */
  public boolean significantImprovement() {
    return higherIsBetter ? delta.entirelyAboveZero() : delta.entirelyBelowZero();
  }
}
