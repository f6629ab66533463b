package dev.gantry.eval.baseline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Compares two runs case by case (matched on id). Metrics: {@code pass_rate}, {@code mean_score}
 * and {@code mean_score[<type>]} for every assertion type both runs used (gated, higher is better),
 * and {@code p95_latency_ms} and {@code mean_cost_usd} (reported only, lower is better). Immutable
 * and thread-safe.
 */
public final class BaselineComparator {
  private final Bootstrap bootstrap;

  public BaselineComparator(Bootstrap bootstrap) {
    this.bootstrap = bootstrap;
  }

  public BaselineComparison compare(
      String source, List<CaseRecord> baseline, List<CaseRecord> current) {
    Map<String, CaseRecord> before = byId(baseline);
    Map<String, CaseRecord> after = byId(current);
    List<CaseRecord[]> pairs = new ArrayList<>();
    List<String> newlyFailing = new ArrayList<>();
    List<String> newlyPassing = new ArrayList<>();
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (CaseRecord c : current) {
      CaseRecord b = before.get(c.id());
      if (b == null) {
        added.add(c.id());
        continue;
      }
      pairs.add(new CaseRecord[] {b, c});
      if (b.passed() && !c.passed()) {
        newlyFailing.add(c.id());
      } else if (!b.passed() && c.passed()) {
        newlyPassing.add(c.id());
      }
    }
    for (CaseRecord b : baseline) {
      if (!after.containsKey(b.id())) {
        removed.add(b.id());
      }
    }
    List<MetricComparison> metrics = new ArrayList<>();
    if (!pairs.isEmpty()) {
      add(metrics, "pass_rate", true, true, pairs, r -> r.passed() ? 1.0 : 0.0, Bootstrap::mean);
      add(metrics, "mean_score", true, true, pairs, CaseRecord::score, Bootstrap::mean);
      TreeSet<String> types = new TreeSet<>();
      for (CaseRecord[] p : pairs) {
        for (String t : p[1].scoreByType().keySet()) {
          if (p[0].scoreByType().containsKey(t)) {
            types.add(t);
          }
        }
      }
      for (String type : types) {
        add(
            metrics,
            "mean_score[" + type + "]",
            true,
            true,
            pairs,
            r -> r.scoreByType().get(type),
            Bootstrap::mean);
      }
      add(
          metrics,
          "p95_latency_ms",
          false,
          false,
          pairs,
          r -> r.latencyMs() == null ? null : r.latencyMs().doubleValue(),
          v -> Bootstrap.percentile(v, 0.95));
      add(
          metrics,
          "mean_cost_usd",
          false,
          false,
          pairs,
          r -> r.costUsd() == null ? null : r.costUsd().doubleValue(),
          Bootstrap::mean);
    }
    return new BaselineComparison(
        source,
        pairs.size(),
        metrics,
        newlyFailing,
        newlyPassing,
        added,
        removed,
        bootstrap.seed(),
        bootstrap.resamples());
  }

  private void add(
      List<MetricComparison> out,
      String name,
      boolean higherIsBetter,
      boolean gated,
      List<CaseRecord[]> pairs,
      Function<CaseRecord, Double> value,
      java.util.function.ToDoubleFunction<double[]> statistic) {
    List<double[]> kept = new ArrayList<>();
    for (CaseRecord[] p : pairs) {
      Double b = value.apply(p[0]);
      Double c = value.apply(p[1]);
      if (b != null && c != null && !b.isNaN() && !c.isNaN()) {
        kept.add(new double[] {b, c});
      }
    }
    if (kept.isEmpty()) {
      return;
    }
    double[] b = new double[kept.size()];
    double[] c = new double[kept.size()];
    for (int i = 0; i < kept.size(); i++) {
      b[i] = kept.get(i)[0];
      c[i] = kept.get(i)[1];
    }
    out.add(
        new MetricComparison(
            name,
            higherIsBetter,
            gated,
            kept.size(),
            statistic.applyAsDouble(b),
            statistic.applyAsDouble(c),
            bootstrap.pairedDelta(b, c, statistic)));
  }

  private static Map<String, CaseRecord> byId(List<CaseRecord> records) {
    Map<String, CaseRecord> m = new LinkedHashMap<>();
    for (CaseRecord r : records) {
      m.put(r.id(), r);
    }
    return m;
  }
}
