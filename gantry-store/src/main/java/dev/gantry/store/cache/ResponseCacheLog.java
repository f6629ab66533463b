package dev.gantry.store.cache;

import java.time.Instant;
import java.util.List;

/**
 * The durable log of response-cache entries and purges. One shared, thread-safe instance per {@link
 * dev.gantry.store.Store}; every method is blocking JDBC (call it on a worker).
 */
public interface ResponseCacheLog {
  /** Stores an entry; returns it with its sequence number. */
  StoredAnswer add(StoredAnswer entry);

  /**
   * Entries with a sequence number above {@code afterSeq} that have not expired at {@code now}, in
   * sequence order, at most {@code limit}.
   */
  List<StoredAnswer> entriesAfter(long afterSeq, Instant now, int limit);

  /**
   * Deletes the entries of {@code route} (null: all routes) in {@code scope} (null: all scopes) and
   * logs the purge for the other replicas.
   *
   * @return the purge, with the number of entries deleted
   */
  Purged purge(String route, String scope, Instant now);

  /** Purges logged after {@code afterSeq}, in order. */
  List<CachePurge> purgesAfter(long afterSeq);

  /** Deletes entries that expired before {@code now}; returns how many. */
  int deleteExpired(Instant now);

  /** A purge and how many stored entries it deleted. */
  record Purged(CachePurge purge, long deleted) {}
}
