package dev.gantry.core.cost;

import java.util.Objects;

/**
 * What one upstream call (or one request, summed) cost.
 *
 * @param micros the cost in USD micro-units, rounded half-up once from the exact figure; 0 when
 *     {@code status} is {@link Status#UNKNOWN}
 * @param status whether the figure comes from the upstream's usage, from Gantry's own token count,
 *     or could not be computed
 * @param pricedAs the price entry used ({@link PriceEntry#label()}), or a reason when unknown
 */
public record Cost(long micros, Status status, String pricedAs) {

  /** How a cost figure was obtained. */
  public enum Status {
    /** From the token counts the upstream reported. */
    EXACT,
    /** From Gantry's own token count, because the upstream reported no usage. */
    ESTIMATED,
    /** The model has no known price; the figure is not zero but missing. */
    UNKNOWN
  }

  public Cost {
    Objects.requireNonNull(status, "status");
    if (micros < 0) {
      throw new IllegalArgumentException("micros must be >= 0, was " + micros);
    }
    if (status == Status.UNKNOWN && micros != 0) {
      throw new IllegalArgumentException("an unknown cost carries no amount");
    }
  }

  /** No call was made: an exact zero. */
  public static final Cost NONE = new Cost(0, Status.EXACT, "none");

  public static Cost unknown(String why) {
    return new Cost(0, Status.UNKNOWN, why);
  }

  public boolean known() {
    return status != Status.UNKNOWN;
  }
}
