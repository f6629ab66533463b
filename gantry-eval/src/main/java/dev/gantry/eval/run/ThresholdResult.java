package dev.gantry.eval.run;

import java.util.Objects;

/**
 * One threshold of the suite against the run.
 *
 * @param name e.g. {@code pass_rate}, {@code mean_score[token-f1]}, {@code p95_latency_ms}, {@code
 *     total_cost_usd}
 * @param comparison {@code >=} or {@code <=}
 * @param limit the configured limit, as written for people
 * @param actual the run's value, or {@code n/a}
 * @param detail why it failed when there was nothing to compare, else empty
 */
public record ThresholdResult(
    String name, String comparison, String limit, String actual, boolean passed, String detail) {
  public ThresholdResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(detail, "detail");
  }
}
