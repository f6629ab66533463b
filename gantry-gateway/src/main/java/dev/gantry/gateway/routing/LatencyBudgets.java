package dev.gantry.gateway.routing;

import dev.gantry.core.api.ApiError;
import dev.gantry.core.config.DeploymentConfig;
import dev.gantry.core.config.RouteConfig;
import dev.gantry.core.config.RouteLatency;
import java.util.Locale;

/**
 * Latency budgets: the {@code x-gantry-latency-budget-ms} header, the budget a request ends up with
 * (its header, else its route's {@code latency_budget}), and the error of a budget no deployment is
 * expected to meet. Stateless.
 */
public final class LatencyBudgets {
  /** The request header that sets a request's latency budget, in milliseconds. */
  public static final String HEADER = "x-gantry-latency-budget-ms";

  private LatencyBudgets() {}

  /**
   * The budget a header asks for, in milliseconds; 0 when the header is absent.
   *
   * @throws IllegalArgumentException with the client's error message when the value is not a whole
   *     number of milliseconds from 1 to {@value RouteLatency#MAX_BUDGET_MS}
   */
  public static long parse(String header) {
    if (header == null) {
      return 0;
    }
    String v = header.strip();
    long ms;
    try {
      ms = Long.parseLong(v);
    } catch (NumberFormatException e) {
      ms = -1;
    }
    if (ms < 1 || ms > RouteLatency.MAX_BUDGET_MS || !v.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException(
          "The "
              + HEADER
              + " header must be a whole number of milliseconds from 1 to "
              + RouteLatency.MAX_BUDGET_MS
              + "; got '"
              + (v.length() > 40 ? v.substring(0, 40) + "…" : v)
              + "'.");
    }
    return ms;
  }

  /** The client's 400 for a bad header value. */
  public static ApiError invalid(String message) {
    return ApiError.invalid(message, null, "invalid_latency_budget");
  }

  /**
   * The goal of one request.
   *
   * @param headerMs the request's own budget in milliseconds, 0 for none (then the route's)
   * @param region the gateway's own region, or null
   */
  public static RouteGoal goal(
      RouteConfig route, long headerMs, boolean streamed, String region, DeploymentPrices prices) {
    RouteLatency latency = route.latency();
    long budgetMs =
        headerMs > 0 ? headerMs : latency.budget() == null ? 0 : latency.budget().toMillis();
    return new RouteGoal(region, budgetMs * 1_000_000, streamed, latency.onUnmet(), prices);
  }

  /** The 503 of a budget that no deployment of the route is expected to meet. */
  static ApiError unmet(RouteConfig route, RouteGoal goal, DeploymentHealth health) {
    long fastest = -1;
    for (DeploymentConfig d : route.deployments()) {
      long e = health.of(d.provider(), d.model()).estimateNanos(goal.streamed());
      if (e >= 0 && (fastest < 0 || e < fastest)) {
        fastest = e;
      }
    }
    return new ApiError(
        503,
        String.format(
            Locale.ROOT,
            "No deployment of route '%s' is expected to meet the latency budget of %d ms"
                + " (to the %s; the fastest is expected to take %d ms).",
            route.name(),
            goal.budgetMillis(),
            goal.streamed() ? "first token" : "whole answer",
            fastest / 1_000_000),
        "capacity_exceeded",
        null,
        "latency_budget_unmet");
  }

  /** The 504 of a request whose budget was a deadline ({@code on_unmet: reject}) and ran out. */
  public static ApiError exceeded(RouteConfig route, RouteGoal goal) {
    return ApiError.timeout(
        String.format(
            Locale.ROOT,
            "Route '%s' did not answer within the latency budget of %d ms (to the %s).",
            route.name(),
            goal.budgetMillis(),
            goal.streamed() ? "first token" : "whole answer"),
        "latency_budget_exceeded");
  }

  /** True when the request's budget is also its deadline. */
  public static boolean binding(RouteGoal goal) {
    return goal.budgeted() && goal.onUnmet() == RouteLatency.OnUnmet.REJECT;
  }
}
