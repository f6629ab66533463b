package dev.gantry.core.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code limits.routes.<route>}: what admission and upstream protection do differently for one
 * route.
 *
 * @param breaker the circuit breaker of the route's deployments (tiers included), over {@code
 *     limits.breaker}; null keeps {@code limits.breaker}. A deployment has one breaker, so routes
 *     that share a deployment must agree on it.
 * @param degraded what may answer a request that admission sheds under overload (queue full, its
 *     maximum wait over, Gantry's or the route's capacity), tried in order; empty: such requests
 *     are refused
 */
public record RouteLimits(BreakerConfig breaker, List<Degraded> degraded) {

  /** A degraded answer's source. */
  public enum Degraded {
    /** The route's response cache: an exact or semantic hit. */
    CACHE,
    /** The extractive provider: sentences quoted from the route's retrieved sources. */
    EXTRACTIVE;

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final RouteLimits NONE = new RouteLimits(null, List.of());

  public RouteLimits {
    degraded = List.copyOf(Objects.requireNonNull(degraded, "degraded"));
  }

  /** True when shed requests may be answered from {@code source}. */
  public boolean degradesTo(Degraded source) {
    return degraded.contains(source);
  }
}
