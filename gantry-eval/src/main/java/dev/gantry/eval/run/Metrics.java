package dev.gantry.eval.run;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Aggregates of a run.
 *
 * @param passRate passed / cases, in [0, 1]
 * @param meanScore mean case score
 * @param byType per assertion type label, in first-seen order
 * @param byTag per tag, in first-seen order
 * @param p50LatencyMs nearest-rank median latency of answered cases, or null when none was answered
 * @param p95LatencyMs nearest-rank 95th percentile, or null
 * @param totalCostUsd sum of the reported costs (exact)
 * @param costReported how many cases reported a cost
 * @param cacheHits how many responses came from the cache
 */
public record Metrics(
    int cases,
    int passed,
    int failed,
    int errors,
    double passRate,
    double meanScore,
    Map<String, TypeMetrics> byType,
    Map<String, TagMetrics> byTag,
    Long p50LatencyMs,
    Long p95LatencyMs,
    BigDecimal totalCostUsd,
    int costReported,
    int cacheHits) {
  public Metrics {
    byType = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byType));
    byTag = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byTag));
  }

  /** One assertion type: how many ran, passed, and their mean score. */
  public record TypeMetrics(String type, int count, int passed, double meanScore) {}

  /** One tag: its cases, how many passed, pass rate and mean case score. */
  public record TagMetrics(String tag, int cases, int passed, double passRate, double meanScore) {}
}
