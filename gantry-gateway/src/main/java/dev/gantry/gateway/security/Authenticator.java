package dev.gantry.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gantry.core.security.Principal;
import dev.gantry.core.security.Role;
import dev.gantry.store.keys.KeyRecord;
import dev.gantry.store.keys.KeyStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Turns a presented API key into a {@link Principal}. Results (also "no such key") are cached for
 * {@code ttl} under a SHA-256 of the key, never the key itself, so known keys cost no database
 * round trip and a revocation reaches every replica within {@code ttl}. A cached key's expiry (or a
 * token's {@code exp}) is known when it is cached and checked on every use, so an expired key stops
 * working at once, cached or not. Lookups run on a small bounded pool of their own, so a flood of
 * invalid keys queues there and cannot slow requests whose keys are cached; when that pool is
 * saturated a lookup fails as unauthenticated. Shared and thread-safe.
 */
public final class Authenticator {
  private final KeyStore keys;
  private final Executor lookups;
  private final Cache<String, Entry> cache;
  private final JwtVerifier jwt;
  private final Clock clock;

  /** A cached answer: the principal (empty: invalid) and when it expires (null: never). */
  private record Entry(Optional<Principal> principal, Instant expiresAt) {
    Optional<Principal> at(Instant now) {
      return expiresAt != null && !now.isBefore(expiresAt) ? Optional.empty() : principal;
    }
  }

  public Authenticator(KeyStore keys, Duration ttl, Executor lookups) {
    this(keys, ttl, lookups, null);
  }

  /**
   * @param jwt validates JWT bearer tokens, or null to accept API keys only
   */
  public Authenticator(KeyStore keys, Duration ttl, Executor lookups, JwtVerifier jwt) {
    this(keys, ttl, lookups, jwt, Clock.systemUTC());
  }

  /**
   * @param clock decides whether a cached key has expired
   */
  public Authenticator(
      KeyStore keys, Duration ttl, Executor lookups, JwtVerifier jwt, Clock clock) {
    this.keys = keys;
    this.jwt = jwt;
    this.lookups = lookups;
    this.clock = clock;
    this.cache =
        Caffeine.newBuilder()
            .executor(Runnable::run)
            .expireAfterWrite(ttl.isZero() ? Duration.ofNanos(1) : ttl)
            .maximumSize(100_000)
            .build();
  }

  /** The cached answer for this key: a principal, empty for "invalid", null when not cached. */
  public Optional<Principal> cached(String presented) {
    Entry e = cache.getIfPresent(digest(presented));
    return e == null ? null : e.at(clock.instant());
  }

  /** Checks the key against the store (off the caller's thread); empty when it is not valid. */
  public CompletableFuture<Optional<Principal>> authenticate(String presented) {
    String digest = digest(presented);
    Entry hit = cache.getIfPresent(digest);
    if (hit != null) {
      return CompletableFuture.completedFuture(hit.at(clock.instant()));
    }
    try {
      return CompletableFuture.supplyAsync(
          () -> {
            Entry e = lookup(presented);
            cache.put(digest, e);
            return e.at(clock.instant());
          },
          lookups);
    } catch (java.util.concurrent.RejectedExecutionException busy) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
  }

  private Entry lookup(String presented) {
    if (jwt != null && JwtVerifier.looksLikeJwt(presented)) {
      Optional<JwtVerifier.Verified> v = jwt.verified(presented);
      return new Entry(
          v.map(JwtVerifier.Verified::principal),
          v.map(JwtVerifier.Verified::validUntil).orElse(null));
    }
    Optional<KeyRecord> k = keys.authenticate(presented);
    return new Entry(k.map(Authenticator::principal), k.map(KeyRecord::expiresAt).orElse(null));
  }

  /** Forgets every cached answer (after a revocation through this replica). */
  public void invalidateAll() {
    cache.invalidateAll();
  }

  static Principal principal(KeyRecord k) {
    return new Principal(
        k.id(), k.tenant(), Role.valueOf(k.role().name()), k.routes(), k.endpoints(), k.limits());
  }

  private static String digest(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
