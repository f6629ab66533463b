package dev.gantry.store.cache;

import java.time.Instant;
import java.util.List;

/**
 * The durable log of response-cache entries and purges. One shared, thread-safe instance per {@link
 * dev.gantry.store.Store}; every method is blocking JDBC (call it on a worker).
 *
 * <p>When the store has data keys, each entry's question and answer are sealed with AES-256-GCM
 * under the active key (the associated data binds them to the entry's scope, route, route version
 * and fingerprint, so a ciphertext copied into another tenant's row does not open); the embedding
 * stays in clear so replicas can index it. An entry that cannot be opened (its key is not
 * configured, or the key under its id is another one) is left out of what is read, never an error:
 * to a replica with the wrong key the cache simply misses.
 */
public interface ResponseCacheLog {
  /** Stores an entry; returns it with its sequence number. */
  StoredAnswer add(StoredAnswer entry);

  /**
   * Entries with a sequence number above {@code afterSeq} that have not expired at {@code now}, in
   * sequence order, at most {@code limit}.
   */
  default List<StoredAnswer> entriesAfter(long afterSeq, Instant now, int limit) {
    return read(afterSeq, now, limit).entries();
  }

  /**
   * Like {@link #entriesAfter}, with what a follower needs to move on past entries it cannot open:
   * {@code limit} bounds the rows scanned, readable or not.
   */
  Batch read(long afterSeq, Instant now, int limit);

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

  /**
   * Entries read in one call.
   *
   * @param entries the entries that could be opened, in sequence order
   * @param scanned rows read, readable or not ({@code == limit}: there may be more)
   * @param lastSeq the highest sequence number read (the {@code afterSeq} asked when none)
   * @param unreadable sequence numbers of the rows that could not be opened
   */
  record Batch(List<StoredAnswer> entries, int scanned, long lastSeq, List<Long> unreadable) {
    public Batch {
      entries = List.copyOf(entries);
      unreadable = List.copyOf(unreadable);
    }
  }

  /** A purge and how many stored entries it deleted. */
  record Purged(CachePurge purge, long deleted) {}
}
