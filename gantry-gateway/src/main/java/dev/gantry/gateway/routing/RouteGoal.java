package dev.gantry.gateway.routing;

import dev.gantry.core.config.DeploymentConfig;
import dev.gantry.core.config.RouteLatency;
import java.util.Objects;

/**
 * What one request asks of the router beyond its route: the gateway's region to prefer and the
 * request's latency budget. Immutable.
 *
 * @param region the gateway's own region, or null to prefer none
 * @param budgetNanos the latency budget in nanoseconds (to the first byte when {@code streamed}, to
 *     the whole answer otherwise); 0 for none
 * @param streamed whether the answer is streamed
 * @param onUnmet what happens when no deployment is expected to meet the budget
 * @param prices what the request costs on each deployment
 */
public record RouteGoal(
    String region,
    long budgetNanos,
    boolean streamed,
    RouteLatency.OnUnmet onUnmet,
    DeploymentPrices prices) {
  /** No region, no budget. */
  public static final RouteGoal NONE =
      new RouteGoal(null, 0, false, RouteLatency.OnUnmet.BEST_EFFORT, DeploymentPrices.UNKNOWN);

  public RouteGoal {
    Objects.requireNonNull(onUnmet, "onUnmet");
    Objects.requireNonNull(prices, "prices");
    if (budgetNanos < 0) {
      throw new IllegalArgumentException("budgetNanos must be >= 0, was " + budgetNanos);
    }
  }

  /** True when the request has a latency budget. */
  public boolean budgeted() {
    return budgetNanos > 0;
  }

  /** True when {@code d} is in the preferred region (or either side names none). */
  boolean local(DeploymentConfig d) {
    return region == null || d.region() == null || region.equals(d.region());
  }

  /** The budget in whole milliseconds. */
  public long budgetMillis() {
    return budgetNanos / 1_000_000;
  }
}
