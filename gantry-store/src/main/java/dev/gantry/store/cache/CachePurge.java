package dev.gantry.store.cache;

/**
 * A purge of cache entries, for replicas to apply to their own memory.
 *
 * @param seq the purge's own sequence number
 * @param route the route purged, or null for every route
 * @param scope the tenant purged (or {@link StoredAnswer#SHARED}), or null for every scope
 * @param upToSeq entries with a sequence number up to this one were purged
 */
public record CachePurge(long seq, String route, String scope, long upToSeq) {
  /** True when the purge covers {@code entry}. */
  public boolean covers(StoredAnswer entry) {
    return entry.seq() <= upToSeq
        && (route == null || route.equals(entry.route()))
        && (scope == null || scope.equals(entry.scope()));
  }
}
