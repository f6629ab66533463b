package dev.gantry.store.cache;

import java.time.Instant;
import java.util.Objects;

/**
 * One cached answer as stored.
 *
 * @param seq the store's sequence number (0 before it is stored)
 * @param scope the tenant the entry belongs to, or {@link #SHARED} for a route shared by tenants
 * @param route the route (public model name)
 * @param routeVersion digest of the route's configuration when the answer was stored; entries of
 *     another version are never served
 * @param exactKey digest of the normalised request, or null when the entry is only semantic
 * @param fingerprint digest of everything but the last user turn (semantic matches need it equal)
 * @param question the last user turn's text
 * @param embedding the question's unit-length embedding, or null when the route is exact only
 * @param answer the chat completion, JSON
 * @param costMicros what the answer cost upstream, USD micro-units (0 when unknown)
 * @param createdAt when it was stored
 * @param expiresAt when it stops being served
 */
public record StoredAnswer(
    long seq,
    String scope,
    String route,
    String routeVersion,
    String exactKey,
    String fingerprint,
    String question,
    float[] embedding,
    String answer,
    long costMicros,
    Instant createdAt,
    Instant expiresAt) {
  /** The scope of entries that every tenant may be served. */
  public static final String SHARED = "*";

  public StoredAnswer {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(routeVersion, "routeVersion");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** The same entry with the sequence number the store gave it. */
  public StoredAnswer withSeq(long n) {
    return new StoredAnswer(
        n,
        scope,
        route,
        routeVersion,
        exactKey,
        fingerprint,
        question,
        embedding,
        answer,
        costMicros,
        createdAt,
        expiresAt);
  }
}
