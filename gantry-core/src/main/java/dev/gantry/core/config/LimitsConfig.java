package dev.gantry.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code limits}: rate limits, the admission queue and request priorities.
 *
 * @param rate every rate limit; a request is admitted only when all that apply to it admit it
 * @param queueDepth how many requests may wait for admission at once (0: none wait, a limited
 *     request is refused at once)
 * @param maxWait the longest a request waits in the queue before it is refused
 * @param priorities priority of each tenant's requests (higher first; absent tenants have 0); a
 *     request's {@code x-gantry-priority} header may lower it, never raise it above this
 * @param redis the shared store for limits across replicas, or null to keep them per process
 * @param breaker the circuit breaker of each deployment
 * @param upstream the concurrency cap (fixed or adaptive) of each deployment
 * @param hedgeBudgetPercent hedged requests: at most this many extra upstream requests per 100
 *     requests of a route (0: no hedging)
 * @param routes per-route settings ({@code limits.routes}): breakers and degraded fallbacks
 */
public record LimitsConfig(
    List<RateLimit> rate,
    int queueDepth,
    Duration maxWait,
    Map<String, Integer> priorities,
    RedisConfig redis,
    BreakerConfig breaker,
    UpstreamConcurrency upstream,
    double hedgeBudgetPercent,
    Map<String, RouteLimits> routes) {

  public static final LimitsConfig NONE =
      new LimitsConfig(
          List.of(),
          1000,
          Duration.ofSeconds(2),
          Map.of(),
          null,
          BreakerConfig.DEFAULTS,
          UpstreamConcurrency.NONE,
          0,
          Map.of());

  public LimitsConfig {
    rate = List.copyOf(rate);
    Objects.requireNonNull(maxWait, "maxWait");
    priorities = Map.copyOf(priorities);
    Objects.requireNonNull(breaker, "breaker");
    Objects.requireNonNull(upstream, "upstream");
    if (hedgeBudgetPercent < 0 || hedgeBudgetPercent > 100) {
      throw new IllegalArgumentException("limits.hedging.budget must be 0..100 (percent)");
    }
    if (queueDepth < 0) {
      throw new IllegalArgumentException("limits.queue.max_depth must be >= 0");
    }
    routes = Map.copyOf(routes);
  }

  public LimitsConfig(
      List<RateLimit> rate,
      int queueDepth,
      Duration maxWait,
      Map<String, Integer> priorities,
      RedisConfig redis,
      BreakerConfig breaker,
      UpstreamConcurrency upstream,
      double hedgeBudgetPercent) {
    this(
        rate,
        queueDepth,
        maxWait,
        priorities,
        redis,
        breaker,
        upstream,
        hedgeBudgetPercent,
        Map.of());
  }

  /** The settings of one route ({@link RouteLimits#NONE} when it has none). */
  public RouteLimits route(String name) {
    return routes.getOrDefault(name, RouteLimits.NONE);
  }

  /**
   * The breaker settings of the deployments ({@code provider/model}) whose routes set their own;
   * every other deployment has {@link #breaker}. Validation made sure routes sharing a deployment
   * agree.
   */
  public Map<String, BreakerConfig> breakersByDeployment(java.util.Collection<RouteConfig> all) {
    Map<String, BreakerConfig> out = new java.util.LinkedHashMap<>();
    for (RouteConfig r : all) {
      BreakerConfig own = route(r.name()).breaker();
      if (own != null) {
        for (DeploymentConfig d : LimitsReader.deploymentsOf(r)) {
          out.putIfAbsent(d.provider() + "/" + d.model(), own);
        }
      }
    }
    return out;
  }

  /** The breaker settings of a route's deployments. */
  public BreakerConfig breakerOf(String route) {
    BreakerConfig own = route(route).breaker();
    return own == null ? breaker : own;
  }

  /** True when no rate limit is configured (the admit stage is left out). */
  public boolean isNone() {
    return rate.isEmpty();
  }
}
