package dev.gantry.store.keys;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * API keys in the database. One shared, thread-safe instance per {@link dev.gantry.store.Store};
 * every method is blocking JDBC (run it off the event loop). Nothing is cached: a revocation made
 * through any store instance on the same database is seen by the next {@link #authenticate} of
 * every other instance. A caller that caches authentication results must bound the cache's
 * lifetime, which is then the delay before a revocation takes effect.
 */
public interface KeyStore {
  /** Creates a key; the returned plaintext is the only copy and cannot be shown again. */
  CreatedKey create(KeySpec spec);

  /**
   * The record of the active key that was presented, or empty when it is unknown, wrong, revoked or
   * expired. The prefix selects at most one row; its HMAC is compared in constant time.
   */
  Optional<KeyRecord> authenticate(String presentedKey);

  Optional<KeyRecord> get(String id);

  /** A tenant's keys, revoked ones included, oldest first. */
  List<KeyRecord> list(String tenant);

  /** Every tenant's keys, oldest first. */
  List<KeyRecord> listAll();

  /** Revokes a key; false when it does not exist or was already revoked. */
  boolean revoke(String id);

  /**
   * Replaces a key with a new one (new secret and prefix, same tenant, role, name, scopes and
   * expiry) and revokes the old one, in one transaction.
   *
   * @throws NoSuchElementException when there is no key with that id
   * @throws IllegalStateException when the key is already revoked
   */
  CreatedKey rotate(String id);

  /**
   * Makes sure an admin key with this exact plaintext exists (the operator-chosen bootstrap key,
   * e.g. {@code GANTRY_ADMIN_KEY}) and returns its record; creates it in {@code tenant} when
   * missing. The plaintext may be a generated {@code gk_…} key or any other text of 24..512
   * characters. A bootstrap key that was revoked stays revoked.
   */
  KeyRecord ensureBootstrapAdmin(String plaintextKey, String tenant);

  /** Whether any admin key is active now: false on a first start. */
  boolean hasActiveAdmin();
}
