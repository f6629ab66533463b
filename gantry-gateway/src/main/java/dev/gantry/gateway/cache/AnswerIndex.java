package dev.gantry.gateway.cache;

import dev.gantry.ml.Vectors;
import dev.gantry.store.cache.CachePurge;
import dev.gantry.store.cache.StoredAnswer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One replica's in-memory view of the cache: entries by exact key and, for the semantic cache, by
 * fingerprint with their vectors (compared by brute force: a dot product per entry of the same
 * scope, route and fingerprint). Each route keeps at most its configured number of entries, the
 * oldest going first. Thread-safe (a read-write lock).
 */
final class AnswerIndex {
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, StoredAnswer> exact = new HashMap<>();
  private final Map<String, List<StoredAnswer>> semantic = new HashMap<>();
  private final Map<String, ArrayDeque<StoredAnswer>> byRoute = new HashMap<>();
  private final Map<String, Long> bytes = new HashMap<>();
  private final Set<Long> seqs = new HashSet<>();
  private final Map<Long, String> answerIds = new HashMap<>();

  /** Adds an entry (once per sequence number); evicts the route's oldest beyond {@code max}. */
  boolean add(StoredAnswer e, int max) {
    lock.writeLock().lock();
    try {
      if (!seqs.add(e.seq())) {
        return false;
      }
      answerIds.put(e.seq(), answerText(e.answer()));
      if (e.exactKey() != null) {
        exact.put(exactKey(e.scope(), e.route(), e.exactKey()), e);
      }
      if (e.embedding() != null) {
        semantic
            .computeIfAbsent(bucket(e.scope(), e.route(), e.fingerprint()), k -> new ArrayList<>())
            .add(e);
      }
      ArrayDeque<StoredAnswer> q = byRoute.computeIfAbsent(e.route(), k -> new ArrayDeque<>());
      q.addLast(e);
      bytes.merge(e.route(), size(e), Long::sum);
      while (q.size() > max) {
        remove(q.pollFirst());
      }
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Swaps an entry kept under a provisional number for the store's version of it. */
  void replace(StoredAnswer provisional, StoredAnswer stored, int max) {
    lock.writeLock().lock();
    try {
      remove(provisional);
      add(stored, max);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The live entry with this exact key, or null. */
  StoredAnswer exact(String scope, String route, String key, Instant now) {
    lock.readLock().lock();
    try {
      StoredAnswer e = exact.get(exactKey(scope, route, key));
      return e != null && e.expiresAt().isAfter(now) ? e : null;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The live entries with this fingerprint, with their similarity to {@code vector}. */
  List<Candidate<StoredAnswer>> similar(
      String scope, String route, String fingerprint, float[] vector, Instant now) {
    lock.readLock().lock();
    try {
      List<StoredAnswer> list = semantic.get(bucket(scope, route, fingerprint));
      if (list == null) {
        return List.of();
      }
      List<Candidate<StoredAnswer>> out = new ArrayList<>(list.size());
      for (StoredAnswer e : list) {
        // An entry embedded by another encoder (the route's encoder changed) is no candidate.
        if (e.expiresAt().isAfter(now) && e.embedding().length == vector.length) {
          out.add(
              new Candidate<>(
                  e.question(), answerIds.get(e.seq()), Vectors.cosine(vector, e.embedding()), e));
        }
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** What a purge removed: how many entries, of which routes. */
  record Removed(long entries, Set<String> routes) {}

  /** Removes what a purge covers. */
  Removed apply(CachePurge purge) {
    lock.writeLock().lock();
    try {
      Set<String> routes = new HashSet<>();
      long n = 0;
      for (ArrayDeque<StoredAnswer> q : byRoute.values()) {
        for (StoredAnswer e : List.copyOf(q)) {
          if (purge.covers(e)) {
            remove(e);
            routes.add(e.route());
            n++;
          }
        }
      }
      return new Removed(n, routes);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Drops entries that expired at {@code now}; returns the routes that changed. */
  Set<String> expire(Instant now) {
    lock.writeLock().lock();
    try {
      Set<String> routes = new HashSet<>();
      for (ArrayDeque<StoredAnswer> q : byRoute.values()) {
        for (StoredAnswer e : List.copyOf(q)) {
          if (!e.expiresAt().isAfter(now)) {
            remove(e);
            routes.add(e.route());
          }
        }
      }
      return routes;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Entries of a route in memory. */
  int entries(String route) {
    lock.readLock().lock();
    try {
      ArrayDeque<StoredAnswer> q = byRoute.get(route);
      return q == null ? 0 : q.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Approximate bytes of a route's entries in memory (answers, questions, vectors). */
  long bytes(String route) {
    lock.readLock().lock();
    try {
      return bytes.getOrDefault(route, 0L);
    } finally {
      lock.readLock().unlock();
    }
  }

  private void remove(StoredAnswer e) {
    if (e.exactKey() != null) {
      exact.remove(exactKey(e.scope(), e.route(), e.exactKey()), e);
    }
    if (e.embedding() != null) {
      String b = bucket(e.scope(), e.route(), e.fingerprint());
      List<StoredAnswer> list = semantic.get(b);
      if (list != null) {
        list.remove(e);
        if (list.isEmpty()) {
          semantic.remove(b);
        }
      }
    }
    answerIds.remove(e.seq());
    ArrayDeque<StoredAnswer> q = byRoute.get(e.route());
    if (q != null && q.remove(e)) {
      bytes.merge(e.route(), -size(e), Long::sum);
    }
  }

  /** The text of an answer's choices: two entries give the same answer when these are equal. */
  static String answerText(String completionJson) {
    try {
      StringBuilder b = new StringBuilder();
      for (com.fasterxml.jackson.databind.JsonNode c :
          dev.gantry.core.api.Json.MAPPER.readTree(completionJson).path("choices")) {
        b.append(c.path("message").path("content").asText("")).append('\u0000');
        b.append(c.path("message").path("tool_calls").toString()).append('\u0000');
      }
      return b.toString();
    } catch (java.io.IOException e) {
      return completionJson;
    }
  }

  private static long size(StoredAnswer e) {
    return 2L * (e.answer().length() + e.question().length())
        + (e.embedding() == null ? 0 : 4L * e.embedding().length)
        + 200;
  }

  private static String exactKey(String scope, String route, String key) {
    return scope + '\u0000' + route + '\u0000' + key;
  }

  private static String bucket(String scope, String route, String fingerprint) {
    return scope + '\u0000' + route + '\u0000' + fingerprint;
  }
}
