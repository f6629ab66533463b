package dev.gantry.gateway.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gantry.store.responses.ResponseStore;
import dev.gantry.store.responses.StoredResponse;
import java.time.Clock;
import java.util.Optional;

/**
 * {@link ResponseStore} in memory, for a gateway that runs without a database (no authentication
 * and no audit): bounded to {@code maxEntries}, the least recently used going first, and expired
 * entries are never returned. Lost on restart and not shared between replicas. Thread-safe.
 */
final class MemoryResponseStore implements ResponseStore {
  private final Cache<String, StoredResponse> entries;
  private final Clock clock;

  MemoryResponseStore(long maxEntries, Clock clock) {
    this.entries = Caffeine.newBuilder().executor(Runnable::run).maximumSize(maxEntries).build();
    this.clock = clock;
  }

  @Override
  public void put(StoredResponse response) {
    entries.put(response.id(), response);
  }

  @Override
  public Optional<StoredResponse> get(String tenant, String id) {
    StoredResponse r = entries.getIfPresent(id);
    if (r == null || !r.tenant().equals(tenant) || !r.expiresAt().isAfter(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(r);
  }

  @Override
  public boolean delete(String tenant, String id) {
    StoredResponse r = entries.getIfPresent(id);
    if (r == null || !r.tenant().equals(tenant)) {
      return false;
    }
    entries.invalidate(id);
    return r.expiresAt().isAfter(clock.instant());
  }

  @Override
  public long purgeExpired() {
    long before = entries.estimatedSize();
    entries.asMap().values().removeIf(r -> !r.expiresAt().isAfter(clock.instant()));
    return before - entries.estimatedSize();
  }
}
