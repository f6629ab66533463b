package dev.gantry.gateway.cost;

import dev.gantry.core.events.EventBus;
import dev.gantry.core.time.Ticker;
import dev.gantry.gateway.limits.Admission;
import dev.gantry.gateway.limits.LocalAdmission;
import dev.gantry.store.ledger.SpendLedger;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * What cost controls keep for the life of a gateway, across configuration reloads: the clock, the
 * event bus, the spend ledger (once the store is open) and the admission state (reservations and
 * counters), which a reload must not reset. Shared and thread-safe.
 */
public final class CostRuntime implements AutoCloseable {
  private final Clock clock;
  private final Ticker ticker;
  private final EventBus events;
  private final Executor workers;
  private volatile Admission admission;
  private volatile dev.gantry.gateway.limits.SharedAdmission shared;
  private volatile SpendLedger ledger;
  private final dev.gantry.gateway.cache.ResponseCache cache;

  public CostRuntime(Clock clock, Ticker ticker, EventBus events, Executor workers) {
    this.clock = clock;
    this.ticker = ticker;
    this.events = events;
    this.workers = workers;
    this.admission = new LocalAdmission(this::baseline, ticker, clock);
    this.cache = new dev.gantry.gateway.cache.ResponseCache(clock, workers, events);
  }

  /**
   * Shares spend reservations across replicas through Redis ({@code redis.url}), with {@code
   * redis.on_failure} deciding what happens while it is unreachable; call once, before the first
   * pipeline is built. Null keeps them per process.
   */
  public void shareSpend(dev.gantry.core.config.RedisConfig redis, io.vertx.core.Vertx vertx) {
    if (redis == null) {
      return;
    }
    shared =
        new dev.gantry.gateway.limits.SharedAdmission(
            dev.gantry.gateway.limits.RedisAdmission.connect(redis, this::baseline, clock, vertx),
            admission,
            redis,
            ticker,
            events);
    admission = shared;
  }

  /** The Redis-backed spend admission with its fallback, or null when kept per process. */
  public dev.gantry.gateway.limits.SharedAdmission sharedSpend() {
    return shared;
  }

  /** The response cache (its entries outlive reloads; its store is attached like the ledger). */
  public dev.gantry.gateway.cache.ResponseCache cache() {
    return cache;
  }

  /** Spend already recorded in a counter's window, read from the ledger on a worker. */
  private CompletableFuture<Long> baseline(dev.gantry.gateway.limits.Counter counter) {
    SpendLedger l = ledger;
    if (l == null) {
      return CompletableFuture.completedFuture(0L);
    }
    return CompletableFuture.supplyAsync(() -> l.spent(SpendLimits.query(counter)), workers);
  }

  /** Starts recording to (and reading limits from) {@code spendLedger}; null for none. */
  public void attach(SpendLedger spendLedger) {
    this.ledger = spendLedger;
  }

  public SpendLedger ledger() {
    return ledger;
  }

  public Clock clock() {
    return clock;
  }

  public Ticker ticker() {
    return ticker;
  }

  public EventBus events() {
    return events;
  }

  public Executor workers() {
    return workers;
  }

  public Admission admission() {
    return admission;
  }

  @Override
  public void close() {
    admission.close();
    cache.close();
  }
}
