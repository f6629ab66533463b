package dev.gantry.gateway.limits;

import dev.gantry.core.config.RedisConfig;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.time.Ticker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis store with its stated failure behaviour. While Redis answers, every acquisition goes
 * there (exact across replicas). When a command fails or times out, Redis is considered down: with
 * {@code fail_open} requests are admitted against per-process limits of 1/{@code expected_replicas}
 * of each limit; with {@code fail_closed} limited requests fail (503). While down, Redis is asked
 * again at most every {@link RedisFailover#PROBE} (one request goes to it; the others use the
 * fallback); the first success switches back. Each switch is logged and published as a {@link
 * SharedLimitsChanged} event. A lease is released where it was granted; a release is sent when the
 * request is over and nothing waits for it, and one that fails is logged and counts as a failure of
 * Redis like a failed acquisition (the requests that follow get the fallback). Shared and
 * thread-safe.
 */
public final class SharedRateStore implements RateStore {
  private static final Logger LOG = LoggerFactory.getLogger(SharedRateStore.class);

  private final RateStore redis;
  private final RateStore local;
  private final SharedAdmission spend;
  private final RedisFailover failover;
  private final Map<String, Boolean> localLeases = new ConcurrentHashMap<>();
  private final LongAdder fallbackAdmissions = new LongAdder();

  /**
   * @param spend the spend admission whose claims {@code redis} reserves with the rate limits, or
   *     null when it takes none
   */
  public SharedRateStore(
      RateStore redis,
      RateStore local,
      SharedAdmission spend,
      RedisConfig config,
      Ticker ticker,
      EventBus events) {
    this.redis = redis;
    this.local = local;
    this.spend = spend;
    this.failover =
        new RedisFailover(
            config,
            ticker,
            events,
            "rate limits",
            config.onFailure() == RedisConfig.FailureMode.FAIL_OPEN
                ? "fall back to per-replica limits / " + config.expectedReplicas()
                : "refuse limited requests (fail_closed)");
  }

  @Override
  public boolean shared() {
    return true;
  }

  @Override
  public CompletionStage<RateResult> acquire(String leaseId, List<RateKey> keys, long tokens) {
    return acquire(leaseId, keys, tokens, null);
  }

  /**
   * Reserves {@code claim} with the rate limits while both the rate limits and the spend
   * reservations use Redis; while either falls back, the claim is left to the spend stage, which
   * reserves it by the spend admission's own rules.
   */
  @Override
  public CompletionStage<RateResult> acquire(
      String leaseId, List<RateKey> keys, long tokens, Claim claim) {
    Claim ahead = claim != null && spend != null && spend.up() ? claim : null;
    return failover.callOrLocal(
        () ->
            redis
                .acquire(leaseId, keys, tokens, ahead)
                .thenApply(
                    r ->
                        r instanceof RateResult.Granted g && g.claimed() != null
                            ? new RateResult.Granted(g.status(), spend.watched(g.claimed()))
                            : r),
        () ->
            local
                .acquire(leaseId, keys, tokens)
                .thenApply(
                    r -> {
                      if (r instanceof RateResult.Granted) {
                        localLeases.put(leaseId, Boolean.TRUE);
                        fallbackAdmissions.increment();
                      }
                      return r;
                    }));
  }

  @Override
  public CompletionStage<Void> release(
      String leaseId, List<RateKey> keys, long reservedTokens, long actualTokens) {
    if (localLeases.remove(leaseId) != null) {
      return local.release(leaseId, keys, reservedTokens, actualTokens);
    }
    CompletionStage<Void> done = redis.release(leaseId, keys, reservedTokens, actualTokens);
    done.whenComplete(
        (v, error) -> {
          if (error != null) {
            LOG.warn(
                "{}: releasing the rate-limit lease in Redis failed ({}); its concurrency slots"
                    + " free when the lease expires",
                leaseId,
                error.toString());
            failover.failed(error);
          }
        });
    return done;
  }

  /** True while Redis answers. */
  public boolean up() {
    return failover.up();
  }

  /** Failed Redis commands so far. */
  public long failures() {
    return failover.failures();
  }

  /** Requests admitted by the per-replica fallback (fail_open) so far. */
  public long fallbackAdmissions() {
    return fallbackAdmissions.sum();
  }

  @Override
  public void close() {
    redis.close();
    local.close();
  }
}
