package dev.gantry.gateway.limits;

import dev.gantry.core.config.RedisConfig;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.time.Ticker;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

/**
 * Spend reservations shared through Redis, with the same stated failure behaviour as the rate
 * limits ({@code redis.on_failure}). While Redis answers, every claim is reserved there (exact
 * across replicas). When a command fails or times out, Redis is considered down: with {@code
 * fail_closed} claims fail (the spend stage answers 503 {@code spend_unavailable}); with {@code
 * fail_open} they are reserved in this process ({@link LocalAdmission}, counters seeded from the
 * durable ledger, so each replica still stops at the limit on what the ledger has, but replicas no
 * longer see each other's reservations in flight). While down, Redis is asked again at most every
 * {@link RedisFailover#PROBE}; the first success switches back. Each switch is logged and published
 * as a {@link SharedLimitsChanged} event. A permit settles where it was granted; a settlement is
 * sent when the request is over and nothing waits for it, and one that fails counts as a failure of
 * Redis like a failed reservation (the spend stage logs it). Shared and thread-safe.
 */
public final class SharedAdmission implements Admission {

  private final RedisAdmission redis;
  private final Admission local;
  private final RedisFailover failover;
  private final LongAdder fallbackReservations = new LongAdder();

  public SharedAdmission(
      RedisAdmission redis, Admission local, RedisConfig config, Ticker ticker, EventBus events) {
    this.redis = redis;
    this.local = local;
    this.failover =
        new RedisFailover(
            config,
            ticker,
            events,
            "spend reservations",
            config.onFailure() == RedisConfig.FailureMode.FAIL_OPEN
                ? "are kept per replica"
                : "fail and requests under spend limits are refused (fail_closed)");
  }

  @Override
  public CompletionStage<Decision> reserve(Claim claim) {
    return failover.callOrLocal(
        () -> redis.reserve(claim).thenApply(this::watched),
        () ->
            local
                .reserve(claim)
                .thenApply(
                    d -> {
                      if (d instanceof Decision.Admitted) {
                        fallbackReservations.increment();
                      }
                      return d;
                    }));
  }

  private Decision watched(Decision d) {
    return d instanceof Decision.Admitted a ? new Decision.Admitted(watched(a.permit())) : d;
  }

  /**
   * {@code permit}, held in Redis, with the failure of its settlement counted as a failure of Redis
   * (the claims that follow get the fallback until Redis answers again).
   */
  Permit watched(Permit permit) {
    return new WatchedPermit(permit);
  }

  /** A Redis permit whose failed settlement counts against Redis. */
  private final class WatchedPermit implements Permit {
    private final Permit permit;

    WatchedPermit(Permit permit) {
      this.permit = permit;
    }

    @Override
    public List<Settled> settle(long actual) {
      settleAsync(actual);
      return List.of();
    }

    @Override
    public CompletionStage<List<Settled>> settleAsync(long actual) {
      CompletionStage<List<Settled>> done = permit.settleAsync(actual);
      done.whenComplete(
          (settled, error) -> {
            if (error != null) {
              failover.failed(error);
            }
          });
      return done;
    }
  }

  /** The Redis admission (whose connection the rate limits share). */
  RedisAdmission redis() {
    return redis;
  }

  /** True while Redis answers. */
  public boolean up() {
    return failover.up();
  }

  /** Failed Redis reservations so far. */
  public long failures() {
    return failover.failures();
  }

  /** Claims reserved in this process while Redis was down (fail_open) so far. */
  public long fallbackReservations() {
    return fallbackReservations.sum();
  }

  /**
   * Registers {@code gantry_spend_redis_up}, {@code gantry_spend_redis_failures_total} and {@code
   * gantry_spend_fallback_reservations_total}.
   */
  public void registerMetrics(dev.gantry.gateway.metrics.GaugeSink sink) {
    sink.gauge("gantry_spend_redis_up", () -> up() ? 1 : 0);
    sink.gauge("gantry_spend_redis_failures_total", this::failures);
    sink.gauge("gantry_spend_fallback_reservations_total", this::fallbackReservations);
  }

  @Override
  public void close() {
    redis.close();
    local.close();
  }
}
