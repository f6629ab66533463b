package dev.gantry.gateway.limits;

import dev.gantry.core.config.LimitsConfig;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.time.Scheduler;
import dev.gantry.core.time.Ticker;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What rate limiting keeps for the life of a gateway, across configuration reloads: the rate store
 * (in-process, or Redis with its fallback) and the admission queue. Changes of {@code limits.queue}
 * and {@code redis} need a restart; limit values take effect on reload. Shared and thread-safe.
 */
public final class LimitsRuntime implements AutoCloseable {
  private final RateStore store;
  private final AdmissionQueue queue;
  private final SharedRateStore shared;

  private LimitsRuntime(RateStore store, AdmissionQueue queue, SharedRateStore shared) {
    this.store = store;
    this.queue = queue;
    this.shared = shared;
  }

  /**
   * Builds the store and the queue that {@code config} asks for; with Redis and {@code spend}, the
   * rate limits share the spend admission's Redis connection and reserve a request's spend claim in
   * the same round trip as its rate limits.
   *
   * @param leaseTtl how long Redis holds a concurrency slot whose request never released it (a
   *     replica that died): the request timeout plus a margin
   * @param spend the gateway's shared spend admission, or null
   * @param vertx whose event loops talk to Redis, when limits are shared
   */
  public static LimitsRuntime start(
      LimitsConfig config,
      java.time.Duration leaseTtl,
      Ticker ticker,
      Scheduler scheduler,
      EventBus events,
      SharedAdmission spend,
      io.vertx.core.Vertx vertx) {
    AtomicReference<AdmissionQueue> q = new AtomicReference<>();
    LocalRateStore local =
        new LocalRateStore(
            ticker,
            config.redis() == null ? 1 : config.redis().expectedReplicas(),
            keys -> {
              AdmissionQueue current = q.get();
              if (current != null) {
                current.released(keys);
              }
            });
    SharedRateStore shared = null;
    RateStore store = local;
    if (config.redis() != null) {
      shared =
          new SharedRateStore(
              spend == null
                  ? RedisRateStore.connect(config.redis(), leaseTtl, vertx)
                  : RedisRateStore.on(spend.redis(), leaseTtl),
              local,
              spend,
              config.redis(),
              ticker,
              events);
      store = shared;
    }
    AdmissionQueue queue =
        new AdmissionQueue(store, scheduler, ticker, config.queueDepth(), config.maxWait());
    q.set(queue);
    return new LimitsRuntime(store, queue, shared);
  }

  public RateStore store() {
    return store;
  }

  public AdmissionQueue queue() {
    return queue;
  }

  /** The Redis-backed store with its fallback, or null when limits are kept per process. */
  public SharedRateStore shared() {
    return shared;
  }

  /**
   * Registers the gauges of admission: {@code gantry_queue_depth} (requests waiting: the
   * autoscaling signal), {@code gantry_queue_admitted_after_wait_total}, {@code
   * gantry_queue_shed_total}, and with Redis {@code gantry_redis_up}, {@code
   * gantry_redis_failures_total} and {@code gantry_rate_fallback_admissions_total}.
   */
  public void registerMetrics(dev.gantry.gateway.metrics.GaugeSink sink) {
    // the worker pool's queue is the other gantry_queue_depth
    sink.gauge("gantry_queue_depth", queue::depth, "queue", "admission");
    sink.gauge("gantry_queue_waited_total", () -> queue.totals()[0]);
    sink.gauge("gantry_queue_shed_total", () -> queue.totals()[1]);
    if (shared != null) {
      sink.gauge("gantry_redis_up", () -> shared.up() ? 1 : 0);
      sink.gauge("gantry_redis_failures_total", shared::failures);
      sink.gauge("gantry_rate_fallback_admissions_total", shared::fallbackAdmissions);
    }
  }

  @Override
  public void close() {
    store.close();
  }
}
