package dev.gantry.gateway.alerts;

import dev.gantry.core.config.MonitoringConfig.Aggregation;
import dev.gantry.core.config.MonitoringConfig.Signal;
import dev.gantry.gateway.metrics.Bucket;
import dev.gantry.gateway.metrics.Rollups;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The value of a signal over a window, for the alert rules: request figures from the rollups, the
 * latest drift score per route and pass rate per scheduled evaluation from their events. NaN means
 * no data (a rule never holds on no data). Shared and thread-safe.
 */
final class Signals {
  private final Rollups rollups;
  final Map<String, Double> drift = new ConcurrentHashMap<>();
  final Map<String, Double> evalPassRate = new ConcurrentHashMap<>();
  final Map<String, String> evalRoute = new ConcurrentHashMap<>();

  Signals(Rollups rollups) {
    this.rollups = rollups;
  }

  double value(Signal signal, Aggregation agg, Duration window, String route) {
    switch (signal) {
      case DRIFT_SCORE:
        return latest(drift, route, null, agg);
      case EVAL_PASS_RATE:
        return latest(evalPassRate, route, evalRoute, agg);
      default:
        break;
    }
    if (signal == Signal.FEEDBACK_SCORE && agg == Aggregation.MIN) {
      double min = Double.NaN;
      for (Bucket b : rollups.points(window, Duration.ofMinutes(1), k -> accepts(k, route))) {
        double m = b.feedbackMean();
        if (!Double.isNaN(m) && (Double.isNaN(min) || m < min)) {
          min = m;
        }
      }
      return min;
    }
    Bucket b = rollups.window(window, k -> accepts(k, route));
    return of(signal, agg, window, b);
  }

  static boolean accepts(Rollups.Key key, String route) {
    return route == null || route.equals(key.route());
  }

  static double of(Signal signal, Aggregation agg, Duration window, Bucket b) {
    double n = b.requests();
    switch (signal) {
      case REQUESTS:
        return agg == Aggregation.RATE ? n / window.toSeconds() : n;
      case ERROR_RATIO:
        return n == 0 ? Double.NaN : b.serverErrors() / n;
      case LATENCY:
        return seconds(agg, b, false);
      case TTFT:
        return seconds(agg, b, true);
      case COST_USD:
        double usd = b.costMicros() / 1e6;
        return agg == Aggregation.SUM ? usd : n == 0 ? Double.NaN : usd / n;
      case TOKENS:
        double tokens = b.inputTokens() + b.outputTokens();
        return agg == Aggregation.SUM ? tokens : n == 0 ? Double.NaN : tokens / n;
      case GUARDRAIL_TRIGGER_RATIO:
        return n == 0 ? Double.NaN : b.triggered() / n;
      case DEGRADED_RATIO:
        return n == 0 ? Double.NaN : b.degraded() / n;
      case FEEDBACK_SCORE:
        return b.feedbackMean();
      default:
        return Double.NaN;
    }
  }

  private static double seconds(Aggregation agg, Bucket b, boolean ttft) {
    double q;
    switch (agg) {
      case P50:
        q = 0.5;
        break;
      case P90:
        q = 0.9;
        break;
      case P95:
        q = 0.95;
        break;
      case P99:
        q = 0.99;
        break;
      case MAX:
        q = 1.0;
        break;
      default:
        return ttft ? Double.NaN : b.meanLatencyMillis() / 1000;
    }
    return (ttft ? b.ttftMillis(q) : b.latencyMillis(q)) / 1000;
  }

  private static double latest(
      Map<String, Double> values, String route, Map<String, String> routes, Aggregation agg) {
    double out = Double.NaN;
    for (Map.Entry<String, Double> e : values.entrySet()) {
      String r = routes == null ? e.getKey() : routes.get(e.getKey());
      if (route != null && !route.equals(r)) {
        continue;
      }
      double v = e.getValue();
      boolean min = agg == Aggregation.MIN || agg == Aggregation.LAST && routes != null;
      if (Double.isNaN(out) || (min ? v < out : v > out)) {
        out = v;
      }
    }
    return out;
  }

  /** Every route's latest drift score. */
  List<Map.Entry<String, Double>> driftScores() {
    return List.copyOf(drift.entrySet());
  }
}
