package dev.gantry.store.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.gantry.store.Dialect;
import dev.gantry.store.Durability;
import dev.gantry.store.StoreConfig;
import dev.gantry.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The store's connection pools and transaction helpers. SQLite gets one writer connection (its
 * transactions begin {@code IMMEDIATE}, taking the write lock at once, so read-then-write never
 * fails with a busy upgrade), a pool of read-only connections and a {@link Checkpointer} that moves
 * the WAL into the database file off the writer's path; PostgreSQL gets one pool for both.
 * Thread-safe.
 */
public final class Db implements AutoCloseable {
  /**
   * The writer's own checkpoint threshold, in pages: only a backstop in case the checkpointer falls
   * far behind (SQLite's default of 1,000 pages would make the writer checkpoint, with its fsyncs,
   * every few seconds under load, stalling every commit queued behind it).
   */
  static final int WRITER_AUTOCHECKPOINT_PAGES = 50_000;

  private final Dialect dialect;
  private final HikariDataSource writer;
  private final HikariDataSource reader;
  private final Checkpointer checkpointer;

  private Db(
      Dialect dialect,
      HikariDataSource writer,
      HikariDataSource reader,
      Checkpointer checkpointer) {
    this.dialect = dialect;
    this.writer = writer;
    this.reader = reader;
    this.checkpointer = checkpointer;
  }

  /** Migrates the schema to the newest version, then opens the pools. */
  public static Db open(StoreConfig config) {
    Dialect dialect = config.dialect();
    String url = config.jdbcUrl();
    if (config.url() == null) {
      try {
        Files.createDirectories(config.dataDir());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create store.data_dir " + config.dataDir(), e);
      }
    }
    long timeoutMs = config.busyTimeout().toMillis();
    if (dialect == Dialect.SQLITE) {
      SQLiteDataSource migrator = sqlite(url, config, true, false);
      migrate(dialect, Flyway.configure().dataSource(migrator));
      HikariDataSource writer =
          pool("gantry-store-writer", sqlite(url, config, true, false), 1, timeoutMs, false);
      HikariDataSource reader =
          pool(
              "gantry-store-reader",
              sqlite(url, config, false, true),
              config.poolSize(),
              timeoutMs,
              true);
      Checkpointer checkpointer =
          Checkpointer.inMemory(url) ? null : Checkpointer.start(sqlite(url, config, true, false));
      return new Db(dialect, writer, reader, checkpointer);
    }
    String password = config.password() == null ? null : config.password().reveal();
    migrate(dialect, Flyway.configure().dataSource(url, config.username(), password));
    HikariConfig hc = new HikariConfig();
    hc.setPoolName("gantry-store");
    hc.setJdbcUrl(url);
    hc.setUsername(config.username());
    hc.setPassword(password);
    hc.setMaximumPoolSize(config.poolSize());
    hc.setConnectionTimeout(Math.max(250, timeoutMs));
    hc.addDataSourceProperty("reWriteBatchedInserts", "true");
    HikariDataSource pool = new HikariDataSource(hc);
    return new Db(dialect, pool, pool, null);
  }

  private static void migrate(
      Dialect dialect, org.flywaydb.core.api.configuration.FluentConfiguration f) {
    try {
      f.locations(dialect.migrations()).load().migrate();
    } catch (RuntimeException e) {
      throw new StoreException("migrating the store's schema failed: " + e.getMessage(), e);
    }
  }

  private static SQLiteDataSource sqlite(
      String url, StoreConfig config, boolean write, boolean readOnly) {
    SQLiteConfig sc = new SQLiteConfig();
    sc.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, config.busyTimeout().toMillis()));
    sc.enforceForeignKeys(true);
    if (write) {
      sc.setJournalMode(SQLiteConfig.JournalMode.WAL);
      sc.setSynchronous(
          config.durability() == Durability.FULL
              ? SQLiteConfig.SynchronousMode.FULL
              : SQLiteConfig.SynchronousMode.NORMAL);
      sc.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      sc.setPragma(
          SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, Integer.toString(WRITER_AUTOCHECKPOINT_PAGES));
      // Erased and purged values are overwritten in the file, not just unlinked.
      sc.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
    }
    if (readOnly) {
      sc.setReadOnly(true);
    }
    SQLiteDataSource ds = new SQLiteDataSource(sc);
    ds.setUrl(url);
    return ds;
  }

  private static HikariDataSource pool(
      String name, DataSource ds, int size, long timeoutMs, boolean readOnly) {
    HikariConfig hc = new HikariConfig();
    hc.setReadOnly(readOnly);
    hc.setPoolName(name);
    hc.setDataSource(ds);
    hc.setMaximumPoolSize(size);
    hc.setConnectionTimeout(Math.max(250, timeoutMs));
    return new HikariDataSource(hc);
  }

  public Dialect dialect() {
    return dialect;
  }

  /** Runs {@code work} in one write transaction and commits it; rolls back when it throws. */
  public <T> T write(String what, SqlWork<T> work) {
    try (Connection c = writer.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c, e);
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(what + " failed: " + e.getMessage(), e);
    }
  }

  /** Runs {@code work} on a connection in auto-commit mode (single statements). */
  public <T> T read(String what, SqlWork<T> work) {
    try (Connection c = reader.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException(what + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Runs {@code work} in one read-only transaction that sees a single consistent snapshot
   * (PostgreSQL {@code REPEATABLE READ}; a SQLite read transaction in WAL mode).
   */
  public <T> T snapshot(String what, SqlWork<T> work) {
    try (Connection c = reader.getConnection()) {
      if (dialect == Dialect.POSTGRESQL) {
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
      }
      c.setAutoCommit(false);
      try {
        return work.run(c);
      } finally {
        rollbackQuietly(c, null);
      }
    } catch (SQLException e) {
      throw new StoreException(what + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * SQL that reads the chain head and, inside a write transaction, keeps every other writer of the
   * chain out until commit (PostgreSQL row lock; SQLite's IMMEDIATE transaction already holds the
   * database's write lock).
   */
  public String selectHeadForUpdate() {
    String sql = "SELECT seq, hash FROM audit_head WHERE id = 1";
    return dialect == Dialect.POSTGRESQL ? sql + " FOR UPDATE" : sql;
  }

  /** Runs one maintenance statement on the writer connection, outside any transaction. */
  public void maintain(String sql) {
    try (Connection c = writer.getConnection();
        java.sql.Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new StoreException(sql + " failed: " + e.getMessage(), e);
    }
  }

  private static void rollbackQuietly(Connection c, Exception primary) {
    try {
      c.rollback();
    } catch (SQLException e) {
      if (primary != null) {
        primary.addSuppressed(e);
      }
    }
  }

  /** Reports both pools' meters to a Micrometer {@code MeterRegistry}. */
  public void meterPools(Object meterRegistry) {
    writer.setMetricRegistry(meterRegistry);
    if (reader != writer) {
      reader.setMetricRegistry(meterRegistry);
    }
  }

  @Override
  public void close() {
    if (checkpointer != null) {
      checkpointer.close();
    }
    writer.close();
    reader.close();
  }
}
