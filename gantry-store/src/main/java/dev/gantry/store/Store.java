package dev.gantry.store;

import dev.gantry.store.audit.AuditLog;
import dev.gantry.store.crypto.PayloadCipher;
import dev.gantry.store.internal.Db;
import dev.gantry.store.internal.SqlAuditLog;
import dev.gantry.store.internal.SqlKeyStore;
import dev.gantry.store.keys.KeyStore;
import dev.gantry.store.ledger.SpendLedger;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;

/**
 * Gantry's durable state: API keys, the audit log and the spend ledger in one database. Open one
 * per process at start-up, share it, close it at shutdown (closing commits the audit records still
 * queued). Thread-safe.
 *
 * <p>All methods of the store and of its parts are blocking JDBC calls, except {@link
 * AuditLog#append}, which only enqueues; run them on a worker pool, never on an event loop. The
 * store starts one thread of its own, the writer of the audit log and the ledger ({@code
 * gantry-audit-writer}).
 *
 * <p>Several stores may share one database: several processes on one SQLite file (writes are
 * serialised by SQLite's lock and the busy timeout) or several replicas on one PostgreSQL database.
 * Nothing is cached, so a change made through one is seen at once by the others.
 */
public final class Store implements AutoCloseable {
  private final Db db;
  private final SqlKeyStore keys;
  private final SqlAuditLog audit;
  private final dev.gantry.store.responses.ResponseStore responses;
  private final dev.gantry.store.monitoring.MonitoringStore monitoring;
  private final SpendLedger ledger;
  private final dev.gantry.store.cache.ResponseCacheLog cache;

  private Store(
      Db db,
      SqlKeyStore keys,
      SqlAuditLog audit,
      dev.gantry.store.responses.ResponseStore responses,
      PayloadCipher cipher) {
    this.db = db;
    this.keys = keys;
    this.audit = audit;
    this.responses = responses;
    this.monitoring = new dev.gantry.store.internal.SqlMonitoringStore(db);
    this.ledger = audit.ledger(db);
    this.cache = new dev.gantry.store.internal.SqlResponseCacheLog(db, cipher);
  }

  /** Opens (and migrates) the store on the system UTC clock. */
  public static Store open(StoreConfig config) {
    return open(config, Clock.systemUTC());
  }

  /**
   * Opens (and migrates) the store; {@code clock} decides key expiry and the times of the store's
   * own records.
   *
   * @throws StoreException when the database cannot be reached or migrated
   */
  public static Store open(StoreConfig config, Clock clock) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    SecureRandom random = new SecureRandom();
    Db db = Db.open(config);
    try {
      SqlKeyStore keys = new SqlKeyStore(db, config.serverSecret(), clock, random);
      PayloadCipher cipher = new PayloadCipher(config.dataKeys(), random);
      SqlAuditLog audit =
          new SqlAuditLog(
              db,
              cipher,
              config.serverSecret(),
              clock,
              random,
              config.auditQueueCapacity(),
              config.auditMaxBatch());
      return new Store(
          db,
          keys,
          audit,
          new dev.gantry.store.internal.SqlResponseStore(db, cipher, clock),
          cipher);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  public Dialect dialect() {
    return db.dialect();
  }

  public KeyStore keys() {
    return keys;
  }

  public AuditLog audit() {
    return audit;
  }

  /** Stored Responses API answers (for {@code previous_response_id}). */
  public dev.gantry.store.responses.ResponseStore responses() {
    return responses;
  }

  /** Dashboard rollups, user feedback and scheduled evaluation runs. */
  public dev.gantry.store.monitoring.MonitoringStore monitoring() {
    return monitoring;
  }

  /**
   * Reports the connection pools' meters (HikariCP's own) to {@code meterRegistry}, a Micrometer
   * {@code MeterRegistry} (typed as Object so the store needs no Micrometer dependency).
   */
  public void meterPools(Object meterRegistry) {
    db.meterPools(meterRegistry);
  }

  /** The spend ledger (written by the same group-commit writer as the audit log). */
  public SpendLedger ledger() {
    return ledger;
  }

  /** The response cache's entries and purges, followed by every replica. */
  public dev.gantry.store.cache.ResponseCacheLog cache() {
    return cache;
  }

  /**
   * Re-encrypts every stored payload that is not sealed with the active data key.
   *
   * @return payloads re-encrypted
   * @throws IllegalStateException after re-encrypting the others, when some payloads could not be
   *     opened (their key is not configured any more, or they were tampered with)
   */
  public long dataKeyRotate() {
    return audit.rotatePayloadKeys();
  }

  /** Commits the audit records still queued, then closes the connection pools. Idempotent. */
  @Override
  public void close() {
    try {
      audit.close();
    } finally {
      db.close();
    }
  }
}
