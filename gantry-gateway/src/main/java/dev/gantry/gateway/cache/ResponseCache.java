package dev.gantry.gateway.cache;

import dev.gantry.core.events.CacheStored;
import dev.gantry.core.events.EventBus;
import dev.gantry.store.cache.CachePurge;
import dev.gantry.store.cache.ResponseCacheLog;
import dev.gantry.store.cache.StoredAnswer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gateway's response cache, for its whole life (configuration reloads keep it): the in-memory
 * {@link AnswerIndex} and, once the store is attached, the durable log every replica shares. New
 * entries go to the store, then to this replica's index; other replicas see them when they next
 * poll the store, every {@link #SYNC_INTERVAL} (so an entry stored on one replica is served by the
 * others within about that delay). Purges are logged in the store and applied the same way. Without
 * a store the cache lives in memory only. Shared and thread-safe; store calls run on the worker
 * pool.
 */
public final class ResponseCache implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ResponseCache.class);

  /** How often a replica reads new entries and purges from the store. */
  public static final Duration SYNC_INTERVAL = Duration.ofMillis(500);

  /** Entries re-read below the newest known number, for inserts committed out of order. */
  private static final long OVERLAP = 256;

  private final Clock clock;
  private final Executor workers;
  private final EventBus events;
  private final AnswerIndex index = new AnswerIndex();
  private final AtomicLong localSeq = new AtomicLong(-1);
  private volatile ResponseCacheLog log;
  private volatile ScheduledExecutorService syncer;
  private volatile int maxEntries = dev.gantry.core.config.RouteCache.DEFAULT_MAX_ENTRIES;
  private boolean inUse;
  private long lastSeq;
  private long lastPurge;
  private long lastUnreadable;

  public ResponseCache(Clock clock, Executor workers, EventBus events) {
    this.clock = clock;
    this.workers = workers;
    this.events = events;
  }

  /**
   * Keeps entries in {@code store} (null: memory only); other replicas are followed once a
   * configuration with a cache is in use ({@link #maxEntries}).
   */
  public synchronized void attach(ResponseCacheLog store) {
    this.log = store;
    if (inUse) {
      startSync();
    }
  }

  private synchronized void startSync() {
    if (log != null && syncer == null) {
      ScheduledExecutorService s =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "gantry-cache-sync");
                t.setDaemon(true);
                return t;
              });
      s.scheduleWithFixedDelay(
          this::syncQuietly, 0, SYNC_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
      syncer = s;
    }
  }

  /** The wall clock entries' times and TTLs are read from. */
  public Clock clock() {
    return clock;
  }

  Executor workers() {
    return workers;
  }

  AnswerIndex index() {
    return index;
  }

  /** Entries of {@code route} in this replica's memory. */
  public int entries(String route) {
    return index.entries(route);
  }

  /**
   * Sets how many entries a route keeps in memory (the largest any route configures); called when a
   * configuration with a cache is built, which starts following the store.
   */
  synchronized void maxEntries(int max) {
    this.maxEntries = max;
    inUse = true;
    startSync();
  }

  /**
   * Stores an answer: in this replica's index at once (so the next request here is served from it),
   * and in the store on a worker; the future completes once it is stored.
   */
  CompletableFuture<StoredAnswer> put(StoredAnswer entry) {
    StoredAnswer local = entry.withSeq(localSeq.getAndDecrement());
    if (index.add(local, maxEntries)) {
      changed(Set.of(local.route()));
    }
    ResponseCacheLog l = log;
    if (l == null) {
      return CompletableFuture.completedFuture(local);
    }
    return CompletableFuture.supplyAsync(
        () -> {
          StoredAnswer stored = l.add(entry);
          index.replace(local, stored, maxEntries);
          return stored;
        },
        workers);
  }

  /**
   * Deletes the entries of {@code route} (null: all) in {@code scope} (null: all), here and,
   * through the store, on every replica. Blocking: call on a worker.
   *
   * @return entries deleted from the store (from memory when there is no store)
   */
  public long purge(String route, String scope) {
    ResponseCacheLog l = log;
    Instant now = clock.instant();
    if (l == null) {
      AnswerIndex.Removed removed = index.apply(new CachePurge(0, route, scope, Long.MAX_VALUE));
      changed(removed.routes());
      return removed.entries();
    }
    ResponseCacheLog.Purged p = l.purge(route, scope, now);
    changed(index.apply(p.purge()).routes());
    return p.deleted();
  }

  /** Reads new entries and purges from the store once. Blocking: call on a worker. */
  public synchronized void sync() {
    ResponseCacheLog l = log;
    if (l == null) {
      return;
    }
    Instant now = clock.instant();
    for (CachePurge p : l.purgesAfter(lastPurge)) {
      changed(index.apply(p).routes());
      lastPurge = Math.max(lastPurge, p.seq());
    }
    ResponseCacheLog.Batch fresh;
    long from = Math.max(0, lastSeq - OVERLAP);
    do {
      fresh = l.read(from, now, 1000);
      for (StoredAnswer e : fresh.entries()) {
        if (index.add(e, maxEntries)) {
          changed(Set.of(e.route()));
        }
      }
      unreadable(fresh.unreadable());
      from = fresh.lastSeq();
      lastSeq = Math.max(lastSeq, fresh.lastSeq());
    } while (fresh.scanned() == 1000);
    changed(index.expire(now));
  }

  /**
   * Entries sealed under a data key this replica does not have (or another key under the same id)
   * are never served here; each is reported once.
   */
  private void unreadable(List<Long> seqs) {
    long newest = seqs.stream().mapToLong(Long::longValue).max().orElse(0);
    if (newest > lastUnreadable) {
      long count = seqs.stream().filter(s -> s > lastUnreadable).count();
      lastUnreadable = newest;
      LOG.warn(
          "response cache: {} stored entries cannot be opened with this replica's data keys"
              + " (not served here)",
          count);
    }
  }

  private void syncQuietly() {
    try {
      sync();
    } catch (RuntimeException e) {
      LOG.warn("response cache: reading the store failed: {}", e.toString());
    }
  }

  private void changed(Set<String> routes) {
    for (String r : routes) {
      events.publish(new CacheStored(r, index.entries(r), index.bytes(r)));
    }
  }

  @Override
  public synchronized void close() {
    if (syncer != null) {
      syncer.shutdownNow();
      syncer = null;
    }
  }
}
