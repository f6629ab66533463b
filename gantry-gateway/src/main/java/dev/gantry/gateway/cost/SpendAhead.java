package dev.gantry.gateway.cost;

import dev.gantry.core.config.CostConfig;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.gateway.limits.Charge;
import dev.gantry.gateway.limits.Claim;
import dev.gantry.gateway.limits.ClaimAhead;
import dev.gantry.gateway.limits.Permit;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spend claim a request makes at admission, when spend reservations are shared through Redis
 * with the rate limits: its {@link WorstCase#bound} on every spend limit that applies, reserved in
 * the rate limits' round trip if it fits. The admitted reservation is held here until the spend
 * stage {@link #take}s it (and keeps it when it covers the request's exact worst case); a request
 * that ends before the spend stage (answered from the cache, refused by a guardrail or its budget)
 * has it released when it is over. Shared and thread-safe.
 */
final class SpendAhead implements ClaimAhead {
  private static final Logger LOG = LoggerFactory.getLogger(SpendAhead.class);

  /** A reservation made at admission. */
  record Held(Claim claim, Permit permit) {
    /**
     * True when the reservation is exactly what the spend stage would claim, with {@code amount} or
     * more on each counter.
     */
    boolean covers(List<Charge> charges, long amount) {
      if (charges.size() != claim.charges().size()) {
        return false;
      }
      for (int i = 0; i < charges.size(); i++) {
        Charge want = charges.get(i);
        Charge have = claim.charges().get(i);
        if (!have.counter().equals(want.counter())
            || have.limit() != want.limit()
            || have.amount() < amount) {
          return false;
        }
      }
      return true;
    }
  }

  private final CostConfig config;
  private final WorstCase worstCase;
  private final Clock clock;
  private final boolean shared;
  private final Map<Exchange, Held> held = new ConcurrentHashMap<>();

  /**
   * @param shared true when spend reservations go to Redis (else nothing is claimed ahead: an
   *     in-process reservation costs no round trip)
   */
  SpendAhead(CostConfig config, CostMeter meter, Clock clock, boolean shared) {
    this.config = config;
    this.worstCase = new WorstCase(config, meter);
    this.clock = clock;
    this.shared = shared;
  }

  @Override
  public Claim claim(Exchange exchange) {
    if (!shared || config.limits().isEmpty()) {
      return null;
    }
    List<SpendLimits.Applied> applied = SpendLimits.applicable(config, exchange, clock);
    if (applied.isEmpty()) {
      return null;
    }
    long bound = worstCase.bound(exchange);
    if (bound < 0) {
      return null;
    }
    return new Claim(exchange.requestId(), charges(applied, bound), config.reservationTtl());
  }

  @Override
  public void admitted(Exchange exchange, Claim claim, Permit permit) {
    if (permit == null) {
      return;
    }
    held.put(exchange, new Held(claim, permit));
    exchange.onFinish(
        () -> {
          Held h = held.remove(exchange);
          if (h != null) {
            release(exchange, h);
          }
        });
  }

  /** The reservation made at admission for {@code exchange}, now the caller's; or null. */
  Held take(Exchange exchange) {
    return held.remove(exchange);
  }

  /** Gives a reservation back unused; a failure is logged (it expires after its TTL). */
  static void release(Exchange exchange, Held h) {
    h.permit()
        .settleAsync(0)
        .whenComplete(
            (settled, error) -> {
              if (error != null) {
                LOG.warn(
                    "{}: releasing the spend reservation made at admission failed ({}); it"
                        + " expires after cost.reservation_ttl",
                    exchange.requestId(),
                    error.toString());
              }
            });
  }

  /**
   * One charge of {@code amount} per counter, the strictest hard limit where several limits count
   * in the same counter; in the order of the limits.
   */
  static List<Charge> charges(List<SpendLimits.Applied> applied, long amount) {
    Map<String, Charge> charges = new LinkedHashMap<>();
    for (SpendLimits.Applied a : applied) {
      long limit = a.limit().hardMicros() > 0 ? a.limit().hardMicros() : Long.MAX_VALUE;
      charges.merge(
          a.counter().id(),
          new Charge(a.counter(), amount, limit),
          (x, y) -> x.limit() <= y.limit() ? x : y);
    }
    return new ArrayList<>(charges.values());
  }
}
