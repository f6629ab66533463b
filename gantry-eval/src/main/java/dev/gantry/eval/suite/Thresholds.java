package dev.gantry.eval.suite;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The suite's {@code thresholds:}; a run passes when every one that is set holds. Without a {@code
 * thresholds} block every case must pass ({@link #DEFAULT}: pass rate 1.0).
 *
 * @param passRate minimum fraction of cases passing, in [0, 1], or null
 * @param meanScore minimum mean score per assertion type label (e.g. {@code token-f1}), in [0, 1]
 * @param p95LatencyMs maximum 95th-percentile latency in milliseconds, or null
 * @param totalCostUsd maximum total reported cost in USD (exact decimal), or null
 */
public record Thresholds(
    Double passRate, Map<String, Double> meanScore, Long p95LatencyMs, BigDecimal totalCostUsd) {
  public static final Thresholds DEFAULT = new Thresholds(1.0, Map.of(), null, null);

  public Thresholds {
    meanScore = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(meanScore));
    if (passRate != null && !(passRate >= 0 && passRate <= 1)) {
      throw new IllegalArgumentException("thresholds.pass_rate must be in [0, 1], got " + passRate);
    }
  }
}
