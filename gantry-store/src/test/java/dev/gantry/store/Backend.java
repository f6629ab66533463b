package dev.gantry.store;

import dev.gantry.store.crypto.DataKeys;
import dev.gantry.store.keys.ServerSecret;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two databases every store test runs against: a SQLite file in the test's temporary directory,
 * and a fresh database in one real PostgreSQL server started once per JVM.
 */
public enum Backend {
  SQLITE,
  POSTGRESQL;

  public static final ServerSecret SECRET =
      ServerSecret.fromText("test server secret, thirty-two bytes or more");
  public static final byte[] KEY_1 = bytes(1);
  public static final byte[] KEY_2 = bytes(2);
  public static final DataKeys KEYS =
      DataKeys.parse("k1:" + Base64.getEncoder().encodeToString(KEY_1));

  private static final String TEMPLATE = "gantry_template";
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  /** A config for a new, empty database (for SQLite, in a new directory under {@code tmp}). */
  public StoreConfig freshConfig(Path tmp) {
    if (this == SQLITE) {
      return StoreConfig.sqlite(tmp.resolve("db-" + DATABASES.incrementAndGet()), SECRET)
          .withDataKeys(KEYS);
    }
    String name = "gantry_" + DATABASES.incrementAndGet();
    EmbeddedPostgres pg = postgres();
    execute(pg, "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
    return StoreConfig.postgres(pg.getJdbcUrl("postgres", name), null, null, SECRET)
        .withDataKeys(KEYS);
  }

  /**
   * A config for a database without any schema (for SQLite, a new directory under {@code tmp}), for
   * tests that migrate it themselves.
   */
  public StoreConfig emptyConfig(Path tmp) {
    if (this == SQLITE) {
      return freshConfig(tmp);
    }
    String name = "gantry_" + DATABASES.incrementAndGet();
    EmbeddedPostgres pg = postgres();
    execute(pg, "CREATE DATABASE " + name);
    return StoreConfig.postgres(pg.getJdbcUrl("postgres", name), null, null, SECRET)
        .withDataKeys(KEYS);
  }

  /**
   * A config for a database migrated only up to schema {@code version}, as a store of an older
   * release left it, for tests of what a later migration does to its rows.
   */
  public StoreConfig configAtSchema(Path tmp, String version) {
    StoreConfig config = emptyConfig(tmp);
    try {
      if (config.dataDir() != null) {
        java.nio.file.Files.createDirectories(config.dataDir());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    org.flywaydb.core.Flyway.configure()
        .dataSource(config.jdbcUrl(), null, null)
        .locations(config.dialect().migrations())
        .target(version)
        .load()
        .migrate();
    return config;
  }

  private static void execute(EmbeddedPostgres pg, String sql) {
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A connection outside the store, for looking at and tampering with raw rows. */
  public static Connection raw(StoreConfig config) throws SQLException {
    Properties p = new Properties();
    if (config.dialect() == Dialect.SQLITE) {
      p.setProperty("busy_timeout", "10000");
    }
    return DriverManager.getConnection(config.jdbcUrl(), p);
  }

  private static synchronized EmbeddedPostgres postgres() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", e);
      }
      EmbeddedPostgres pg = postgres;
      // Migrate once from an empty database into a template; copying it is faster than
      // migrating every test's database.
      execute(pg, "CREATE DATABASE " + TEMPLATE);
      Store.open(StoreConfig.postgres(pg.getJdbcUrl("postgres", TEMPLATE), null, null, SECRET))
          .close();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      pg.close();
                    } catch (IOException ignored) {
                      // the JVM is exiting
                    }
                  }));
    }
    return postgres;
  }

  private static byte[] bytes(int fill) {
    byte[] b = new byte[32];
    java.util.Arrays.fill(b, (byte) fill);
    return b;
  }
}
