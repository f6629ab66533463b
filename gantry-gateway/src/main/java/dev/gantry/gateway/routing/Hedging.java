package dev.gantry.gateway.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hedged requests (the tail-at-scale technique) for non-streamed answers: when a first attempt has
 * not answered by its deployment's 95th-percentile latency (over its latest successful calls, once
 * there are {@link #MIN_SAMPLES}), a second attempt starts on the next deployment of the plan; the
 * first to answer wins and the other is cancelled (its upstream request reset). At most one hedge
 * per request, and per route at most {@code budgetPercent} extra upstream requests: each request
 * earns {@code budgetPercent / 100} of a hedge, a hedge spends one (at most 10 saved up). Streams
 * are not hedged (their first byte is final). Shared and thread-safe.
 */
public final class Hedging {
  static final int MIN_SAMPLES = 20;
  private static final double MAX_SAVED = 10;

  private final double budgetPercent;
  private final Map<String, double[]> budgets = new ConcurrentHashMap<>();
  private final LongAdder hedges = new LongAdder();
  private final LongAdder wins = new LongAdder();

  public Hedging(double budgetPercent) {
    this.budgetPercent = budgetPercent;
  }

  /** When to hedge a first attempt on {@code d}, in nanoseconds; -1 for not at all. */
  long delayNanos(DeploymentHealth.Deployment d) {
    return d.quantile(0.95, MIN_SAMPLES);
  }

  /** Earns this request's share of the route's budget. */
  public void earn(String route) {
    double[] b = budgets.computeIfAbsent(route, r -> new double[1]);
    synchronized (b) {
      b[0] = Math.min(MAX_SAVED, b[0] + budgetPercent / 100);
    }
  }

  /** Spends one hedge from the route's budget; false when there is none left. */
  boolean take(String route) {
    double[] b = budgets.computeIfAbsent(route, r -> new double[1]);
    synchronized (b) {
      if (b[0] < 1) {
        return false;
      }
      b[0] -= 1;
    }
    hedges.increment();
    return true;
  }

  void refund(String route) {
    double[] b = budgets.computeIfAbsent(route, r -> new double[1]);
    synchronized (b) {
      b[0] += 1;
    }
    hedges.decrement();
  }

  void won() {
    wins.increment();
  }

  /** Hedges started so far. */
  public long hedges() {
    return hedges.sum();
  }

  /** Hedges that answered first. */
  public long wins() {
    return wins.sum();
  }
}
