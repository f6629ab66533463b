package dev.gantry.gateway.limits;

import dev.gantry.core.api.ApiError;
import dev.gantry.core.config.LimitsConfig;
import dev.gantry.core.config.RateLimit;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.pipeline.RateStatus;
import dev.gantry.core.pipeline.Stage;
import dev.gantry.core.pipeline.Verdict;
import dev.gantry.gateway.pipeline.OnContext;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admission by rate limits: takes the request's share of every limit that applies (one request, its
 * token estimate — input plus reserved output — and a concurrency slot), waiting in the bounded
 * priority queue when a limit has no room, up to {@code limits.queue.max_wait}. A client's limit
 * (key, tenant, customer) refuses with 429 {@code rate_limit_exceeded}; Gantry's or an upstream's
 * capacity (global, route) with 503 {@code capacity_exceeded}; the {@code code} names the limit
 * ({@code customer_requests}, {@code tenant_tokens}, {@code route_concurrency}…) and {@code
 * retry-after} says when to come back. When the request is over its slot is released and its token
 * reservation reconciled with the tokens it actually used (sent after the response; nothing waits
 * for it). With the limits in Redis, the request's spend claim ({@link ClaimAhead}) is reserved in
 * the same round trip as its rate limits. Shared and thread-safe.
 */
public final class AdmitStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(AdmitStage.class);

  private final LimitsConfig config;
  private final LimitsRuntime runtime;
  private final ToLongFunction<Exchange> estimate;
  private final ClaimAhead ahead;
  private final dev.gantry.core.events.EventBus events;
  private final Degradation degradation = new Degradation();

  /**
   * @param estimate the request's token estimate: input tokens plus the output it may produce
   * @param ahead the spend claim to reserve with the rate limits (in the same Redis round trip)
   */
  public AdmitStage(
      LimitsConfig config,
      LimitsRuntime runtime,
      ToLongFunction<Exchange> estimate,
      ClaimAhead ahead,
      dev.gantry.core.events.EventBus events) {
    this.config = config;
    this.runtime = runtime;
    this.estimate = estimate;
    this.ahead = ahead;
    this.events = events;
  }

  @Override
  public String name() {
    return "admit";
  }

  @Override
  public CompletionStage<Verdict> onRequest(Exchange exchange) {
    List<RateKey> keys = RateLimits.applicable(config, exchange);
    if (keys.isEmpty()) {
      return Verdict.PASS_NOW;
    }
    int allowed = config.priorities().getOrDefault(exchange.principal().tenant(), 0);
    int priority = Math.min(exchange.priority(), allowed);
    exchange.priority(priority);
    boolean tokens = keys.stream().anyMatch(k -> k.limit().tpm() > 0);
    long reserved = tokens ? estimate.applyAsLong(exchange) : 0;
    String lease = exchange.requestId();
    Claim claim = runtime.store().shared() ? ahead.claim(exchange) : null;
    return runtime
        .queue()
        .admit(lease, keys, reserved, claim, priority)
        .handleAsync(
            (outcome, error) -> {
              if (error != null) {
                LOG.warn("{}: rate limits unavailable: {}", lease, error.toString());
                return new Verdict.Reject(
                    new ApiError(
                        503,
                        "Rate limits cannot be checked right now; try again shortly.",
                        ApiError.GATEWAY,
                        null,
                        "rate_limits_unavailable"),
                    "rate limits unavailable");
              }
              if (outcome instanceof AdmissionQueue.Admitted ok) {
                exchange.rateStatus(ok.granted().status());
                if (ok.waitedNanos() > 0 && ok.limited() != null) {
                  events.publish(
                      new dev.gantry.core.events.AdmissionDecided(
                          lease,
                          true,
                          ok.limited().key().code(ok.limited().dimension()),
                          0,
                          ok.waitedNanos(),
                          false));
                }
                exchange.onFinish(
                    () -> runtime.store().release(lease, keys, reserved, used(exchange)));
                if (claim != null) {
                  ahead.admitted(exchange, claim, ok.granted().claimed());
                }
                return Verdict.PASS;
              }
              return refuse(exchange, (AdmissionQueue.Refused) outcome);
            },
            OnContext.current());
  }

  /** Tokens the request actually used: the upstream's usage when there was a call, else none. */
  private static long used(Exchange exchange) {
    return exchange.cost().calls().isEmpty() ? 0 : exchange.cost().usage().totalTokens();
  }

  private Verdict refuse(Exchange exchange, AdmissionQueue.Refused refused) {
    RateResult.Limited l = refused.limited();
    long retry = l.waitNanos() > 0 ? LocalRateStore.seconds(l.waitNanos()) : 1;
    exchange.rateStatus(l.status().refused(retry));
    RateLimit limit = l.key().limit();
    String code = l.key().code(l.dimension());
    String what =
        switch (l.dimension()) {
          case REQUESTS -> limit.rpm() + " requests per minute";
          case TOKENS -> limit.tpm() + " tokens per minute";
          case CONCURRENCY -> limit.concurrency() + " concurrent requests";
        };
    String why =
        refused.shed()
            ? " Gantry is overloaded and shed this lower-priority request."
            : refused.timedOut() ? " The request waited in the queue as long as it may." : "";
    String message =
        "Rate limit reached for "
            + limit.scope().configName()
            + ("*".equals(l.key().subject()) ? "" : " '" + l.key().subject() + "'")
            + ": "
            + what
            + "."
            + why
            + " Try again in "
            + retry
            + " s.";
    ApiError error =
        limit.scope().capacity() || refused.shed()
            ? new ApiError(503, message, "capacity_exceeded", null, code)
            : new ApiError(429, message, "rate_limit_exceeded", null, code);
    events.publish(
        new dev.gantry.core.events.AdmissionDecided(
            exchange.requestId(),
            false,
            code,
            error.status(),
            refused.waitedNanos(),
            refused.shed()));
    Verdict.Reject reject = new Verdict.Reject(error, code);
    if (error.status() == 503
        && exchange.route() != null
        && !config.route(exchange.route().name()).degraded().isEmpty()) {
      // overload: the route's degraded fallbacks may answer instead (see DegradeStage)
      degradation.hold(exchange, reject, exchange.rateStatus());
      RateStatus s = l.status();
      exchange.rateStatus(
          new RateStatus(
              s.limitRequests(),
              s.remainingRequests(),
              s.resetRequestsMillis(),
              s.limitTokens(),
              s.remainingTokens(),
              s.resetTokensMillis(),
              0)); // answered, so no retry-after
      return Verdict.PASS;
    }
    return reject;
  }

  /**
   * The stage that answers (or refuses) the requests this one sheds to degraded fallbacks; it goes
   * after {@code cache} and {@code retrieve}.
   *
   * @param extractive the name of a provider of type extractive, or null when there is none
   */
  public DegradeStage degradeStage(String extractive) {
    return new DegradeStage(degradation, config, extractive);
  }

  @Override
  public String toString() {
    return name() + "[" + config.rate().size() + " limit(s)]";
  }
}
