package dev.gantry.gateway.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hedged requests (the tail-at-scale technique): when a first attempt has not answered by its
 * deployment's 95th-percentile latency (over its latest successful calls, once there are {@link
 * #MIN_SAMPLES}), a second attempt starts on the next deployment of the plan; the first to answer
 * wins and the other is cancelled (its upstream request reset). For a stream the race is to the
 * first byte, measured against the deployment's 95th-percentile time to first byte: the first
 * attempt to receive a byte wins before anything reaches the client, so the client sees one stream.
 * At most one hedge per request, and per route at most {@code budgetPercent} extra upstream
 * requests: each request earns {@code budgetPercent / 100} of a hedge, a hedge spends one (at most
 * 10 saved up). Hedges, wins, and the attempts cancelled in a race with what their input cost are
 * counted. Shared and thread-safe.
 */
public final class Hedging {
  static final int MIN_SAMPLES = 20;
  private static final double MAX_SAVED = 10;

  private final double budgetPercent;
  private final Map<String, double[]> budgets = new ConcurrentHashMap<>();
  private final LongAdder hedges = new LongAdder();
  private final LongAdder wins = new LongAdder();
  private final LongAdder losers = new LongAdder();
  private final LongAdder loserMicros = new LongAdder();

  public Hedging(double budgetPercent) {
    this.budgetPercent = budgetPercent;
  }

  /** When to hedge a first attempt on {@code d}, in nanoseconds; -1 for not at all. */
  long delayNanos(DeploymentHealth.Deployment d) {
    return d.quantile(0.95, MIN_SAMPLES);
  }

  /** When to hedge a first streamed attempt on {@code d} that has no first byte yet; -1: never. */
  long streamDelayNanos(DeploymentHealth.Deployment d) {
    return d.firstByteQuantile(0.95, MIN_SAMPLES);
  }

  /**
   * An attempt was cancelled because the other one of its race won.
   *
   * @param inputMicros what its input cost (it was sent), in micro-USD; -1 when unpriced
   */
  void lost(long inputMicros) {
    losers.increment();
    if (inputMicros > 0) {
      loserMicros.add(inputMicros);
    }
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

  /** Attempts cancelled because the other attempt of their race won. */
  public long losers() {
    return losers.sum();
  }

  /** What the cancelled attempts' inputs cost, in micro-USD (priced deployments only). */
  public long loserMicros() {
    return loserMicros.sum();
  }
}
