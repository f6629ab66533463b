package dev.gantry.eval.run;

import dev.gantry.eval.suite.Thresholds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a run's metrics against the suite's thresholds. A threshold on something the run did not
 * measure (no assertion of that type ran, no case was answered, no case reported a cost) fails,
 * with the reason: it cannot be shown to hold. Stateless.
 */
public final class ThresholdCheck {
  private ThresholdCheck() {}

  public static List<ThresholdResult> check(Thresholds t, Metrics m) {
    List<ThresholdResult> out = new ArrayList<>();
    if (t.passRate() != null) {
      out.add(
          new ThresholdResult(
              "pass_rate",
              ">=",
              fmt(t.passRate()),
              fmt(m.passRate()),
              m.passRate() >= t.passRate() - 1e-12,
              ""));
    }
    for (Map.Entry<String, Double> e : t.meanScore().entrySet()) {
      Metrics.TypeMetrics type = m.byType().get(e.getKey());
      String name = "mean_score[" + e.getKey() + "]";
      if (type == null) {
        out.add(
            new ThresholdResult(
                name,
                ">=",
                fmt(e.getValue()),
                "n/a",
                false,
                "no " + e.getKey() + " assertion ran"));
      } else {
        out.add(
            new ThresholdResult(
                name,
                ">=",
                fmt(e.getValue()),
                fmt(type.meanScore()),
                type.meanScore() >= e.getValue() - 1e-12,
                ""));
      }
    }
    if (t.p95LatencyMs() != null) {
      if (m.p95LatencyMs() == null) {
        out.add(
            new ThresholdResult(
                "p95_latency_ms",
                "<=",
                t.p95LatencyMs().toString(),
                "n/a",
                false,
                "no case was answered"));
      } else {
        out.add(
            new ThresholdResult(
                "p95_latency_ms",
                "<=",
                t.p95LatencyMs().toString(),
                m.p95LatencyMs().toString(),
                m.p95LatencyMs() <= t.p95LatencyMs(),
                ""));
      }
    }
    if (t.totalCostUsd() != null) {
      if (m.costReported() == 0) {
        out.add(
            new ThresholdResult(
                "total_cost_usd",
                "<=",
                t.totalCostUsd().toPlainString(),
                "n/a",
                false,
                "no case reported a cost (x-gantry-cost-usd)"));
      } else {
        out.add(
            new ThresholdResult(
                "total_cost_usd",
                "<=",
                t.totalCostUsd().toPlainString(),
                m.totalCostUsd().toPlainString(),
                m.totalCostUsd().compareTo(t.totalCostUsd()) <= 0,
                m.costReported() < m.cases()
                    ? m.costReported() + " of " + m.cases() + " cases reported a cost"
                    : ""));
      }
    }
    return out;
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
