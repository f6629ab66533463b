package dev.gantry.gateway.limits;

import dev.gantry.core.config.RedisConfig;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.SharedLimitsChanged;
import dev.gantry.core.time.Ticker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a Redis-backed store is used or its fallback: while Redis answers, every call goes there;
 * when one fails or times out, Redis is considered down and calls go to the fallback, except one
 * every {@link #PROBE} that tries Redis again; the first success switches back. Each switch is
 * logged and published as a {@link SharedLimitsChanged} event. Shared and thread-safe; time from
 * the injected ticker.
 */
final class RedisFailover {
  static final Duration PROBE = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger(RedisFailover.class);

  private final RedisConfig config;
  private final Ticker ticker;
  private final EventBus events;
  private final String what;
  private final String meanwhile;
  private final AtomicBoolean up = new AtomicBoolean(true);
  private final AtomicLong nextProbe = new AtomicLong();
  private final LongAdder failures = new LongAdder();

  /**
   * @param what what Redis shares, for the log ("rate limits")
   * @param meanwhile what happens while it is down, for the log
   */
  RedisFailover(RedisConfig config, Ticker ticker, EventBus events, String what, String meanwhile) {
    this.config = config;
    this.ticker = ticker;
    this.events = events;
    this.what = what;
    this.meanwhile = meanwhile;
  }

  /**
   * Runs {@code shared} when Redis is up (or a probe is due), else {@code fallback} with a null
   * cause; a failure of {@code shared} runs {@code fallback} with its cause.
   */
  <T> CompletionStage<T> call(
      Supplier<CompletionStage<T>> shared, Function<Throwable, CompletionStage<T>> fallback) {
    if (!up.get()) {
      long now = ticker.nanos();
      long probe = nextProbe.get();
      if (now - probe < 0 || !nextProbe.compareAndSet(probe, now + PROBE.toNanos())) {
        return fallback.apply(null);
      }
    }
    CompletableFuture<T> out = new CompletableFuture<>();
    shared
        .get()
        .whenComplete(
            (result, error) -> {
              if (error == null) {
                if (up.compareAndSet(false, true)) {
                  LOG.info("Redis answers again: {} are shared across replicas", what);
                  events.publish(new SharedLimitsChanged(true, config.onFailure().configName()));
                }
                out.complete(result);
                return;
              }
              failed(error);
              fallback
                  .apply(error)
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

  /**
   * Counts a failed Redis command and considers Redis down: the calls that follow go to the
   * fallback until a probe succeeds. For commands whose outcome no caller waits for (settlements
   * sent after the response), so that their failures count like any other.
   */
  void failed(Throwable error) {
    failures.increment();
    if (up.compareAndSet(true, false)) {
      nextProbe.set(ticker.nanos() + PROBE.toNanos());
      LOG.warn(
          "Redis is unreachable ({}): {} {} until it answers", error.toString(), what, meanwhile);
      events.publish(new SharedLimitsChanged(false, config.onFailure().configName()));
    }
  }

  /**
   * Like {@link #call}, with the fallback {@code redis.on_failure} states: {@code fail_closed}
   * fails with the cause (or "Redis is unreachable" while down), {@code fail_open} runs {@code
   * local}.
   */
  <T> CompletionStage<T> callOrLocal(
      Supplier<CompletionStage<T>> shared, Supplier<CompletionStage<T>> local) {
    return call(
        shared,
        cause ->
            config.onFailure() == RedisConfig.FailureMode.FAIL_CLOSED
                ? CompletableFuture.failedFuture(
                    cause != null ? cause : new IllegalStateException("Redis is unreachable"))
                : local.get());
  }

  boolean up() {
    return up.get();
  }

  long failures() {
    return failures.sum();
  }
}
