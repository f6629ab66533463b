package dev.gantry.eval.run;

import dev.gantry.eval.assertion.AssertionResult;
import dev.gantry.eval.baseline.CaseRecord;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Aggregates case results into {@link Metrics}. Stateless. */
public final class MetricsCalculator {
  private MetricsCalculator() {}

  public static Metrics compute(List<CaseResult> cases) {
    int passed = 0;
    int errors = 0;
    int cacheHits = 0;
    int costReported = 0;
    double scoreSum = 0;
    BigDecimal cost = BigDecimal.ZERO;
    List<Long> latencies = new ArrayList<>();
    Map<String, double[]> types = new LinkedHashMap<>();
    Map<String, double[]> tags = new LinkedHashMap<>();
    for (CaseResult c : cases) {
      passed += c.passed() ? 1 : 0;
      errors += c.error() != null ? 1 : 0;
      cacheHits += c.cached() ? 1 : 0;
      scoreSum += c.score();
      if (c.latencyMs() != null) {
        latencies.add(c.latencyMs());
      }
      if (c.costUsd() != null) {
        cost = cost.add(c.costUsd());
        costReported++;
      }
      for (AssertionResult a : c.assertions()) {
        double[] t = types.computeIfAbsent(a.type(), k -> new double[3]);
        t[0]++;
        t[1] += a.passed() ? 1 : 0;
        t[2] += a.score();
      }
      for (String tag : c.tags()) {
        double[] t = tags.computeIfAbsent(tag, k -> new double[3]);
        t[0]++;
        t[1] += c.passed() ? 1 : 0;
        t[2] += c.score();
      }
    }
    Map<String, Metrics.TypeMetrics> byType = new LinkedHashMap<>();
    types.forEach(
        (k, v) -> byType.put(k, new Metrics.TypeMetrics(k, (int) v[0], (int) v[1], v[2] / v[0])));
    Map<String, Metrics.TagMetrics> byTag = new LinkedHashMap<>();
    tags.forEach(
        (k, v) ->
            byTag.put(
                k, new Metrics.TagMetrics(k, (int) v[0], (int) v[1], v[1] / v[0], v[2] / v[0])));
    Collections.sort(latencies);
    int n = cases.size();
    return new Metrics(
        n,
        passed,
        n - passed,
        errors,
        n == 0 ? 0 : passed / (double) n,
        n == 0 ? 0 : scoreSum / n,
        byType,
        byTag,
        percentile(latencies, 0.50),
        percentile(latencies, 0.95),
        cost,
        costReported,
        cacheHits);
  }

  /** Nearest-rank percentile of sorted values, or null for none. */
  static Long percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return null;
    }
    int rank = (int) Math.ceil(p * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  /** What a baseline comparison needs of each case. */
  public static List<CaseRecord> records(List<CaseResult> cases) {
    List<CaseRecord> out = new ArrayList<>();
    for (CaseResult c : cases) {
      Map<String, double[]> sums = new LinkedHashMap<>();
      for (AssertionResult a : c.assertions()) {
        double[] s = sums.computeIfAbsent(a.type(), k -> new double[2]);
        s[0] += a.score();
        s[1]++;
      }
      Map<String, Double> byType = new LinkedHashMap<>();
      sums.forEach((k, v) -> byType.put(k, v[0] / v[1]));
      out.add(new CaseRecord(c.id(), c.passed(), c.score(), c.latencyMs(), c.costUsd(), byType));
    }
    return out;
  }
}
