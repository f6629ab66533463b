package dev.gantry.gateway.limits;

import java.util.Objects;

/**
 * What a request claims from one counter.
 *
 * @param amount the most the request may use (its worst case), in the counter's unit (USD
 *     micro-units for spend)
 * @param limit the counter's limit: a claim that would take used + reserved + amount above it is
 *     refused; {@link Long#MAX_VALUE} only tracks (for soft limits)
 */
public record Charge(Counter counter, long amount, long limit) {
  public Charge {
    Objects.requireNonNull(counter, "counter");
    if (amount < 0 || limit < 0) {
      throw new IllegalArgumentException("amount and limit must be >= 0");
    }
  }
}
