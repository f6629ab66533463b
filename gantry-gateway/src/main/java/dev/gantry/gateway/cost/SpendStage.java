package dev.gantry.gateway.cost;

import dev.gantry.core.api.ApiError;
import dev.gantry.core.config.CostConfig;
import dev.gantry.core.config.SpendLimit;
import dev.gantry.core.cost.Usd;
import dev.gantry.core.events.BudgetExceeded;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.SpendLimitWarning;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.pipeline.Stage;
import dev.gantry.core.pipeline.Verdict;
import dev.gantry.gateway.limits.Admission;
import dev.gantry.gateway.limits.Claim;
import dev.gantry.gateway.limits.Counter;
import dev.gantry.gateway.limits.Decision;
import dev.gantry.gateway.limits.Permit;
import dev.gantry.gateway.pipeline.OnContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spend limits, reservation then settlement: before the upstream is called, the request's
 * worst-case cost is reserved atomically against every limit that applies to it (through the {@link
 * Admission} interface); a hard limit that cannot take it refuses the request with 429 {@code
 * budget_exceeded}, code {@code <scope>_<period>}, the reset time and a {@code retry-after}. When
 * the request is over — answered, refused later, failed or abandoned — the reservation is replaced
 * by what it actually cost (its known part); a soft limit crossed by that settlement publishes one
 * {@link SpendLimitWarning}. A reservation never settled expires after {@code
 * cost.reservation_ttl}. If the durable spend cannot be read, requests under limits are refused
 * with 503 (fail closed). When the request's spend was already reserved at admission, with its rate
 * limits ({@link SpendAhead}), and that reservation covers its worst case, it is kept and this
 * stage makes no round trip of its own; one that does not cover it is released and the worst case
 * reserved here as usual. The settlement is sent when the request is over; nothing waits for it.
 * Shared and thread-safe.
 */
final class SpendStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(SpendStage.class);

  private final CostConfig config;
  private final Admission admission;
  private final SpendAhead ahead;
  private final Clock clock;
  private final EventBus events;

  /**
   * @param ahead the reservations made at admission, with the rate limits
   */
  SpendStage(
      CostConfig config, Admission admission, SpendAhead ahead, Clock clock, EventBus events) {
    this.config = config;
    this.admission = admission;
    this.ahead = ahead;
    this.clock = clock;
    this.events = events;
  }

  @Override
  public String name() {
    return "spend";
  }

  @Override
  public CompletionStage<Verdict> onRequest(Exchange exchange) {
    SpendAhead.Held held = ahead.take(exchange);
    List<SpendLimits.Applied> applied = SpendLimits.applicable(config, exchange, clock);
    long worst = exchange.cost().worstCaseMicros();
    if (held != null) {
      if (!applied.isEmpty()
          && worst >= 0
          && held.covers(SpendAhead.charges(applied, worst), worst)) {
        // reserved at admission, with the rate limits, and enough: no round trip here
        Permit permit = held.permit();
        exchange.onFinish(() -> settle(exchange, permit, applied));
        return Verdict.PASS_NOW;
      }
      SpendAhead.release(exchange, held);
    }
    if (applied.isEmpty()) {
      return Verdict.PASS_NOW;
    }
    if (worst < 0) {
      return Verdict.now(
          new Verdict.Reject(
              ApiError.invalid(
                  "Spend limits apply to this request, but a deployment of its route has no"
                      + " known price, so its cost cannot be bounded. Add the price under"
                      + " cost.prices.",
                  null,
                  "request_cost_unknown"),
              "unpriced deployment under a spend limit"));
    }
    Claim claim =
        new Claim(
            exchange.requestId(), SpendAhead.charges(applied, worst), config.reservationTtl());
    Executor onLoop = OnContext.current();
    return admission
        .reserve(claim)
        .handleAsync(
            (decision, error) -> {
              if (error != null) {
                LOG.warn(
                    "{}: spend limits unavailable: {}", exchange.requestId(), error.toString());
                return new Verdict.Reject(
                    new ApiError(
                        503,
                        "Spend limits cannot be checked right now; try again shortly.",
                        ApiError.GATEWAY,
                        null,
                        "spend_unavailable"),
                    "spend limits unavailable");
              }
              if (decision instanceof Decision.Admitted ok) {
                Permit permit = ok.permit();
                exchange.onFinish(() -> settle(exchange, permit, applied));
                return Verdict.PASS;
              }
              return refuse(exchange, (Decision.Refused) decision, applied, worst);
            },
            onLoop);
  }

  private Verdict refuse(
      Exchange exchange, Decision.Refused refused, List<SpendLimits.Applied> applied, long worst) {
    Counter counter = refused.charge().counter();
    SpendLimits.Applied a =
        applied.stream()
            .filter(x -> x.counter().id().equals(counter.id()))
            .filter(x -> x.limit().hardMicros() == refused.charge().limit())
            .findFirst()
            .orElseThrow();
    SpendLimit limit = a.limit();
    Instant now = clock.instant();
    long retry = SpendLimits.secondsUntil(now, counter.windowEnd());
    exchange.cost().retryAfterSeconds(retry);
    events.publish(
        new BudgetExceeded(
            exchange.requestId(),
            a.tenant(),
            limit.code(),
            a.subject(),
            limit.hardMicros(),
            refused.used(),
            worst,
            counter.windowEnd()));
    String message =
        "The "
            + limit.period().adjective()
            + " spend limit of USD "
            + Usd.format(limit.hardMicros())
            + " for "
            + limit.scope().configName()
            + " '"
            + a.subject()
            + "' is reached (spent or reserved: USD "
            + Usd.format(refused.used())
            + "; this request may cost up to USD "
            + Usd.format(worst)
            + "). It resets at "
            + counter.windowEnd()
            + ".";
    return new Verdict.Reject(
        new ApiError(429, message, "budget_exceeded", null, limit.code()), limit.code());
  }

  private void settle(Exchange exchange, Permit permit, List<SpendLimits.Applied> applied) {
    long actual = exchange.cost().knownMicros();
    permit
        .settleAsync(actual)
        .whenComplete(
            (settled, error) -> {
              if (error != null) {
                LOG.warn(
                    "{}: settling the spend reservation failed ({}); it expires after"
                        + " cost.reservation_ttl",
                    exchange.requestId(),
                    error.toString());
              } else {
                warnSoftLimits(settled, applied);
              }
            });
  }

  private void warnSoftLimits(List<Permit.Settled> settled, List<SpendLimits.Applied> applied) {
    for (Permit.Settled s : settled) {
      for (SpendLimits.Applied a : applied) {
        long soft = a.limit().softMicros();
        if (soft > 0
            && a.counter().id().equals(s.charge().counter().id())
            && s.before() < soft
            && s.after() >= soft) {
          events.publish(
              new SpendLimitWarning(
                  a.tenant(),
                  a.limit().code(),
                  a.subject(),
                  soft,
                  s.after(),
                  a.counter().windowStart(),
                  a.counter().windowEnd()));
        }
      }
    }
  }

  @Override
  public String toString() {
    return name() + "[" + config.limits().size() + " limit(s)]";
  }
}
