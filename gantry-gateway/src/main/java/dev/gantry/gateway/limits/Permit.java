package dev.gantry.gateway.limits;

import java.util.List;

/**
 * A reservation held by one request. Exactly one of {@link #settle}, {@link #settleAsync} or {@link
 * #release} must be called, once; later calls do nothing. Thread-safe.
 */
public interface Permit {

  /**
   * Replaces the reservation by what the request actually used (which may be more or less than
   * reserved), on every counter of the claim.
   *
   * @return each counter's settled total before and after, in the claim's order
   */
  List<Settled> settle(long actual);

  /**
   * Like {@link #settle}, for implementations whose counters live elsewhere (Redis): the stage
   * completes with the settled totals once the store has them. The default settles at once.
   */
  default java.util.concurrent.CompletionStage<List<Settled>> settleAsync(long actual) {
    return java.util.concurrent.CompletableFuture.completedFuture(settle(actual));
  }

  /** Gives the reservation back unused (the request used nothing). */
  default void release() {
    settle(0);
  }

  /**
   * A counter's settled total (reservations excluded) just before and just after one settlement; a
   * threshold crossed by exactly this settlement has {@code before < threshold <= after}.
   */
  record Settled(Charge charge, long before, long after) {}
}
