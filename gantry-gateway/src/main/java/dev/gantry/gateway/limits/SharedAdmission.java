package dev.gantry.gateway.limits;

import dev.gantry.core.config.RedisConfig;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.time.Ticker;
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
 * as a {@link SharedLimitsChanged} event. A permit settles where it was granted. Shared and
 * thread-safe.
 */
public final class SharedAdmission implements Admission {

  private final Admission redis;
  private final Admission local;
  private final RedisFailover failover;
  private final LongAdder fallbackReservations = new LongAdder();

  public SharedAdmission(
      Admission redis, Admission local, RedisConfig config, Ticker ticker, EventBus events) {
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
        () -> redis.reserve(claim),
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
