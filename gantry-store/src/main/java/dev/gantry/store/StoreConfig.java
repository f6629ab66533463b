package dev.gantry.store;

import dev.gantry.core.config.Secret;
import dev.gantry.store.crypto.DataKeys;
import dev.gantry.store.keys.ServerSecret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how {@link Store} keeps its state. Build one with {@link #sqlite} or {@link #postgres}
 * and adjust it with the {@code with…} methods; the compact constructor rejects values out of range
 * with a message naming the {@code store.*} setting.
 *
 * @param url JDBC URL; {@code null} means the SQLite file {@code gantry.db} in {@code dataDir}
 * @param dataDir directory of the SQLite file when {@code url} is null (created if missing)
 * @param username PostgreSQL user, or null when the URL carries it
 * @param password PostgreSQL password, or null
 * @param poolSize reader connections (SQLite; it always has exactly one writer) or connections in
 *     all (PostgreSQL), 1..64
 * @param busyTimeout how long a SQLite connection waits for another process's write lock, and the
 *     longest wait for a pooled connection; 1 ms .. 10 min
 * @param durability SQLite fsync policy (ignored by PostgreSQL)
 * @param serverSecret key of the HMAC under which API keys are stored (at least 32 bytes)
 * @param dataKeys keys that encrypt stored prompts and responses; {@link DataKeys#none()} forbids
 *     storing them
 * @param auditQueueCapacity audit records that may wait for the writer before {@code append} is
 *     refused, 1..1,000,000
 * @param auditMaxBatch most audit records committed in one transaction, 1..10,000
 */
public record StoreConfig(
    String url,
    Path dataDir,
    String username,
    Secret password,
    int poolSize,
    Duration busyTimeout,
    Durability durability,
    ServerSecret serverSecret,
    DataKeys dataKeys,
    int auditQueueCapacity,
    int auditMaxBatch) {

  /** The SQLite file's name inside the data directory. */
  public static final String SQLITE_FILE = "gantry.db";

  public StoreConfig {
    if (url == null && dataDir == null) {
      throw new IllegalArgumentException("store.url or store.data_dir must be set");
    }
    if (url != null) {
      Dialect.of(url); // validates the prefix
    }
    if (poolSize < 1 || poolSize > 64) {
      throw new IllegalArgumentException("store.pool_size must be 1..64, was " + poolSize);
    }
    Objects.requireNonNull(busyTimeout, "store.busy_timeout");
    if (busyTimeout.toMillis() < 1 || busyTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException("store.busy_timeout must be 1ms..10m, was " + busyTimeout);
    }
    Objects.requireNonNull(durability, "store.durability");
    Objects.requireNonNull(serverSecret, "store.server_secret");
    Objects.requireNonNull(dataKeys, "store.data_keys (use DataKeys.none())");
    if (auditQueueCapacity < 1 || auditQueueCapacity > 1_000_000) {
      throw new IllegalArgumentException(
          "store.audit.queue_capacity must be 1..1000000, was " + auditQueueCapacity);
    }
    if (auditMaxBatch < 1 || auditMaxBatch > 10_000) {
      throw new IllegalArgumentException(
          "store.audit.max_batch must be 1..10000, was " + auditMaxBatch);
    }
  }

  /** A SQLite store in {@code dataDir} with default settings and no data keys. */
  public static StoreConfig sqlite(Path dataDir, ServerSecret serverSecret) {
    return new StoreConfig(
        null,
        dataDir,
        null,
        null,
        4,
        Duration.ofSeconds(5),
        Durability.FULL,
        serverSecret,
        DataKeys.none(),
        10_000,
        500);
  }

  /** A store in the PostgreSQL database at {@code url} with default settings and no data keys. */
  public static StoreConfig postgres(
      String url, String username, Secret password, ServerSecret serverSecret) {
    if (Dialect.of(url) != Dialect.POSTGRESQL) {
      throw new IllegalArgumentException("store.url must start with jdbc:postgresql:");
    }
    return new StoreConfig(
        url,
        null,
        username,
        password,
        4,
        Duration.ofSeconds(5),
        Durability.FULL,
        serverSecret,
        DataKeys.none(),
        10_000,
        500);
  }

  public StoreConfig withDataKeys(DataKeys keys) {
    return new StoreConfig(
        url,
        dataDir,
        username,
        password,
        poolSize,
        busyTimeout,
        durability,
        serverSecret,
        keys,
        auditQueueCapacity,
        auditMaxBatch);
  }

  public StoreConfig withPoolSize(int size) {
    return new StoreConfig(
        url,
        dataDir,
        username,
        password,
        size,
        busyTimeout,
        durability,
        serverSecret,
        dataKeys,
        auditQueueCapacity,
        auditMaxBatch);
  }

  public StoreConfig withBusyTimeout(Duration timeout) {
    return new StoreConfig(
        url,
        dataDir,
        username,
        password,
        poolSize,
        timeout,
        durability,
        serverSecret,
        dataKeys,
        auditQueueCapacity,
        auditMaxBatch);
  }

  public StoreConfig withDurability(Durability d) {
    return new StoreConfig(
        url,
        dataDir,
        username,
        password,
        poolSize,
        busyTimeout,
        d,
        serverSecret,
        dataKeys,
        auditQueueCapacity,
        auditMaxBatch);
  }

  public StoreConfig withAuditQueue(int capacity, int maxBatch) {
    return new StoreConfig(
        url,
        dataDir,
        username,
        password,
        poolSize,
        busyTimeout,
        durability,
        serverSecret,
        dataKeys,
        capacity,
        maxBatch);
  }

  /** The JDBC URL the store connects to. */
  public String jdbcUrl() {
    return url != null ? url : "jdbc:sqlite:" + dataDir.resolve(SQLITE_FILE).toAbsolutePath();
  }

  public Dialect dialect() {
    return Dialect.of(jdbcUrl());
  }

  @Override
  public String toString() {
    return "StoreConfig[url="
        + jdbcUrl().replaceAll("(?i)password=[^&;]*", "password=****")
        + ", poolSize="
        + poolSize
        + ", busyTimeout="
        + busyTimeout
        + ", durability="
        + durability
        + ", dataKeys="
        + dataKeys
        + ", auditQueueCapacity="
        + auditQueueCapacity
        + ", auditMaxBatch="
        + auditMaxBatch
        + "]";
  }
}
