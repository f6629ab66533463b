package dev.gantry.gateway.limits;

import dev.gantry.core.config.RedisConfig;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.SharedLimitsChanged;
import dev.gantry.core.time.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis store with its stated failure behaviour. While Redis answers, every acquisition goes
 * there (exact across replicas). When a command fails or times out, Redis is considered down: with
 * {@code fail_open} requests are admitted against per-process limits of 1/{@code expected_replicas}
 * of each limit; with {@code fail_closed} limited requests fail (503). While down, Redis is asked
 * again at most every {@link #PROBE} (one request goes to it; the others use the fallback); the
 * first success switches back. Each switch is logged and published as a {@link SharedLimitsChanged}
 * event. A lease is released where it was granted. Shared and thread-safe.
 */
public final class SharedRateStore implements RateStore {
  static final Duration PROBE = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger(SharedRateStore.class);

  private final RateStore redis;
  private final RateStore local;
  private final RedisConfig config;
  private final Ticker ticker;
  private final EventBus events;
  private final AtomicBoolean up = new AtomicBoolean(true);
  private final AtomicLong nextProbe = new AtomicLong();
  private final Map<String, Boolean> localLeases = new ConcurrentHashMap<>();
  private final LongAdder failures = new LongAdder();
  private final LongAdder fallbackAdmissions = new LongAdder();

  public SharedRateStore(
      RateStore redis, RateStore local, RedisConfig config, Ticker ticker, EventBus events) {
    this.redis = redis;
    this.local = local;
    this.config = config;
    this.ticker = ticker;
    this.events = events;
  }

  @Override
  public boolean shared() {
    return true;
  }

  @Override
  public CompletionStage<RateResult> acquire(String leaseId, List<RateKey> keys, long tokens) {
    if (!up.get()) {
      long now = ticker.nanos();
      long probe = nextProbe.get();
      if (now - probe < 0 || !nextProbe.compareAndSet(probe, now + PROBE.toNanos())) {
        return fallback(leaseId, keys, tokens, null);
      }
    }
    CompletableFuture<RateResult> out = new CompletableFuture<>();
    redis
        .acquire(leaseId, keys, tokens)
        .whenComplete(
            (result, error) -> {
              if (error == null) {
                if (up.compareAndSet(false, true)) {
                  LOG.info("Redis answers again: rate limits are shared across replicas");
                  events.publish(new SharedLimitsChanged(true, config.onFailure().configName()));
                }
                out.complete(result);
                return;
              }
              failures.increment();
              if (up.compareAndSet(true, false)) {
                nextProbe.set(ticker.nanos() + PROBE.toNanos());
                LOG.warn(
                    "Redis is unreachable ({}): rate limits {} until it answers",
                    error.toString(),
                    config.onFailure() == RedisConfig.FailureMode.FAIL_OPEN
                        ? "fall back to per-replica limits / " + config.expectedReplicas()
                        : "refuse limited requests (fail_closed)");
                events.publish(new SharedLimitsChanged(false, config.onFailure().configName()));
              }
              fallback(leaseId, keys, tokens, error)
                  .whenComplete(
                      (r, e) -> {
                        if (e != null) {
                          out.completeExceptionally(e);
                        } else {
                          out.complete(r);
                        }
                      });
            });
    return out;
  }

  private CompletionStage<RateResult> fallback(
      String leaseId, List<RateKey> keys, long tokens, Throwable cause) {
    if (config.onFailure() == RedisConfig.FailureMode.FAIL_CLOSED) {
      return CompletableFuture.failedFuture(
          cause != null ? cause : new IllegalStateException("Redis is unreachable"));
    }
    return local
        .acquire(leaseId, keys, tokens)
        .thenApply(
            r -> {
              if (r instanceof RateResult.Granted) {
                localLeases.put(leaseId, Boolean.TRUE);
                fallbackAdmissions.increment();
              }
              return r;
            });
  }

  @Override
  public void release(String leaseId, List<RateKey> keys, long reservedTokens, long actualTokens) {
    if (localLeases.remove(leaseId) != null) {
      local.release(leaseId, keys, reservedTokens, actualTokens);
    } else {
      redis.release(leaseId, keys, reservedTokens, actualTokens);
    }
  }

  /** True while Redis answers. */
  public boolean up() {
    return up.get();
  }

  /** Failed Redis commands so far. */
  public long failures() {
    return failures.sum();
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
