package dev.gantry.gateway.limits;

import dev.gantry.core.pipeline.Exchange;

/**
 * A request's spend claim made at admission, so that a shared store reserves it in the same round
 * trip as the request's rate limits ({@link RateStore#acquire(String, java.util.List, long,
 * Claim)}) instead of one more round trip in the spend stage. The claim is a bound on the request's
 * worst-case spend computed before the stages that fix the exact amount; the spend stage keeps it
 * when it covers the exact amount and reserves afresh (releasing it) when not. Shared and
 * thread-safe.
 */
public interface ClaimAhead {

  /** Claims nothing: every request's spend is reserved by the spend stage. */
  ClaimAhead NONE =
      new ClaimAhead() {
        @Override
        public Claim claim(Exchange exchange) {
          return null;
        }

        @Override
        public void admitted(Exchange exchange, Claim claim, Permit permit) {}
      };

  /** What to reserve with the request's rate limits, or null for nothing. */
  Claim claim(Exchange exchange);

  /**
   * The request was admitted; {@code permit} holds {@code claim}'s reservation, or is null when it
   * was not reserved. Called once per admitted request whose {@link #claim} was not null; from then
   * on the permit is the callee's to settle.
   */
  void admitted(Exchange exchange, Claim claim, Permit permit);
}
