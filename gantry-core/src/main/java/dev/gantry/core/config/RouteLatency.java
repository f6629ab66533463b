package dev.gantry.core.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A route's latency budget: {@code routes.<name>.latency_budget} and {@code on_unmet}.
 *
 * @param budget the default budget of the route's requests (time to the first token for streams, to
 *     the whole answer otherwise), or null when only a request's {@code x-gantry-latency-budget-ms}
 *     header sets one
 * @param onUnmet what a request gets when no deployment is expected to meet its budget
 */
public record RouteLatency(Duration budget, OnUnmet onUnmet) {
  /** No default budget; a request's own budget is met on a best-effort basis. */
  public static final RouteLatency NONE = new RouteLatency(null, OnUnmet.BEST_EFFORT);

  /** Largest budget accepted, in milliseconds (one hour). */
  public static final long MAX_BUDGET_MS = 3_600_000;

  /** What happens to a request whose budget no deployment is expected to meet. */
  public enum OnUnmet {
    /** Sent to the deployment expected to answer soonest; the budget is not a deadline. */
    BEST_EFFORT,
    /**
     * Refused with 503 naming the budget; when a deployment is chosen, the budget is a deadline.
     */
    REJECT;

    /** The name in {@code gantry.yaml}. */
    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public RouteLatency {
    Objects.requireNonNull(onUnmet, "onUnmet");
    if (budget != null && (budget.toMillis() < 1 || budget.toMillis() > MAX_BUDGET_MS)) {
      throw new IllegalArgumentException(
          "latency_budget must be 1ms.." + MAX_BUDGET_MS + "ms, was " + budget.toMillis() + "ms");
    }
  }
}
