package dev.gantry.eval.baseline;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * What a comparison needs of one case of a run.
 *
 * @param score the case's weighted score in [0, 1]
 * @param latencyMs client-side latency, or null when the request failed
 * @param costUsd reported cost, or null when unknown
 * @param scoreByType the mean score of the case's assertions per type label
 */
public record CaseRecord(
    String id,
    boolean passed,
    double score,
    Long latencyMs,
    BigDecimal costUsd,
    Map<String, Double> scoreByType) {
  public CaseRecord {
    Objects.requireNonNull(id, "id");
    scoreByType = Map.copyOf(scoreByType);
  }
}
