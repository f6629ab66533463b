package dev.gantry.gateway.security;

import dev.gantry.core.config.GantryConfig;
import dev.gantry.core.config.SecurityConfig;
import dev.gantry.core.security.Principal;
import dev.gantry.store.Durability;
import dev.gantry.store.Store;
import dev.gantry.store.StoreConfig;
import dev.gantry.store.audit.AuditLog;
import dev.gantry.store.crypto.DataKeys;
import dev.gantry.store.keys.CreatedKey;
import dev.gantry.store.keys.KeySpec;
import dev.gantry.store.keys.Role;
import dev.gantry.store.keys.ServerSecret;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The store, the authenticator and the audit log of a running gateway, opened once at start-up
 * (storage and auth settings take effect on restart). On first start it makes sure an admin key
 * exists: {@code GANTRY_ADMIN_KEY} when set, else a new key printed once. Shared; close it last.
 */
public final class SecurityRuntime implements AutoCloseable {
  /** File in the data directory that keeps a generated server secret. */
  static final String SECRET_FILE = "server-secret";

  private final SecurityConfig config;
  private final Store store;
  private final Authenticator authenticator;
  private final ThreadPoolExecutor lookups;
  private final Clock clock;

  private SecurityRuntime(
      SecurityConfig config, Store store, ThreadPoolExecutor lookups, Clock clock) {
    this.config = config;
    this.store = store;
    this.lookups = lookups;
    this.clock = clock;
    this.authenticator =
        store == null
            ? null
            : new Authenticator(
                store.keys(),
                config.auth().cacheTtl(),
                lookups,
                config.auth().jwt() == null ? null : new JwtVerifier(config.auth().jwt()),
                clock);
  }

  /** Opens what the configuration asks for on the system UTC clock. */
  public static SecurityRuntime open(
      GantryConfig config, Map<String, String> env, PrintStream announce) {
    return open(config, env, announce, Clock.systemUTC());
  }

  /**
   * Opens what the configuration asks for; prints a first admin key to {@code announce}. {@code
   * clock} decides key expiry and stamps audit and admin records.
   */
  public static SecurityRuntime open(
      GantryConfig config, Map<String, String> env, PrintStream announce, Clock clock) {
    SecurityConfig sec = config.security();
    if (!sec.auth().required()
        && !sec.audit().enabled()
        && !config.cost().needsLedger()
        && config.routes().values().stream().noneMatch(r -> r.cache() != null)) {
      return new SecurityRuntime(sec, null, null, clock);
    }
    Store store = Store.open(storeConfig(config, env), clock);
    try {
      if (sec.auth().required()) {
        bootstrap(store, env, announce);
      }
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    ThreadPoolExecutor lookups =
        new ThreadPoolExecutor(
            2,
            2,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1024),
            r -> {
              Thread t = new Thread(r, "gantry-auth");
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    return new SecurityRuntime(sec, store, lookups, clock);
  }

  /** The store settings for a configuration: SQLite in data_dir unless storage.url is set. */
  public static StoreConfig storeConfig(GantryConfig config, Map<String, String> env) {
    SecurityConfig sec = config.security();
    ServerSecret secret = serverSecret(config, env);
    StoreConfig sc =
        sec.storage().url() == null
            ? StoreConfig.sqlite(config.dataDir(), secret)
            : StoreConfig.postgres(
                sec.storage().url(), sec.storage().user(), sec.storage().password(), secret);
    sc = sc.withDurability(sec.storage().fullSync() ? Durability.FULL : Durability.NORMAL);
    DataKeys keys = DataKeys.none();
    if (sec.audit().dataKeys() != null) {
      keys = dataKeys("audit.data_keys", () -> DataKeys.parse(sec.audit().dataKeys().reveal()));
    } else if (sec.audit().dataKeysFile() != null) {
      keys = dataKeys("audit.data_keys_file", () -> DataKeys.fromFile(sec.audit().dataKeysFile()));
    } else if (env.get("GANTRY_DATA_KEYS") != null) {
      keys = dataKeys("GANTRY_DATA_KEYS", () -> DataKeys.parse(env.get("GANTRY_DATA_KEYS")));
    }
    return sc.withDataKeys(keys);
  }

  /** Data keys that cannot be read stop start-up with a message naming where they came from. */
  private static DataKeys dataKeys(String source, java.util.function.Supplier<DataKeys> read) {
    try {
      return read.get();
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new IllegalStateException(source + " is invalid: " + e.getMessage(), e);
    }
  }

  /** auth.server_secret, else GANTRY_SERVER_SECRET, else a secret generated once per data dir. */
  static ServerSecret serverSecret(GantryConfig config, Map<String, String> env) {
    if (config.security().auth().serverSecret() != null) {
      return ServerSecret.fromText(config.security().auth().serverSecret().reveal());
    }
    String fromEnv = env.get("GANTRY_SERVER_SECRET");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return ServerSecret.fromText(fromEnv);
    }
    Path file = config.dataDir().resolve(SECRET_FILE);
    try {
      if (Files.exists(file)) {
        return ServerSecret.fromBase64(Files.readString(file).strip());
      }
      Files.createDirectories(config.dataDir());
      byte[] bytes = new byte[32];
      new SecureRandom().nextBytes(bytes);
      Path tmp = config.dataDir().resolve(SECRET_FILE + ".tmp");
      Files.writeString(tmp, Base64.getEncoder().encodeToString(bytes));
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the file inherits the data directory's ACL.
      }
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return ServerSecret.of(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file, e);
    }
  }

  private static void bootstrap(Store store, Map<String, String> env, PrintStream announce) {
    String given = env.get("GANTRY_ADMIN_KEY");
    if (given != null && !given.isBlank()) {
      store.keys().ensureBootstrapAdmin(given.strip(), Principal.SYSTEM_TENANT);
      return;
    }
    if (!store.keys().hasActiveAdmin()) {
      CreatedKey k =
          store.keys().create(KeySpec.of(Principal.SYSTEM_TENANT, Role.ADMIN, "first admin"));
      announce.println(
          "Created the first admin key. It is shown only now; keep it safe (or set"
              + " GANTRY_ADMIN_KEY next time):");
      announce.println(k.plaintext());
    }
  }

  public SecurityConfig config() {
    return config;
  }

  /** The wall clock for expiry and for the times of records. */
  public Clock clock() {
    return clock;
  }

  /** The store, or null when neither authentication nor audit is on and no spend limit is set. */
  public Store store() {
    return store;
  }

  /** Null when authentication is off. */
  public Authenticator authenticator() {
    return config.auth().required() ? authenticator : null;
  }

  /** Null when the audit log is off. */
  public AuditLog audit() {
    return store != null && config.audit().enabled() ? store.audit() : null;
  }

  /**
   * Registers the store writer's counters (audit records and spend-ledger rows go through one
   * writer): {@code gantry_store_writes_total} (records committed), {@code
   * gantry_store_commits_total} (transactions: records ÷ commits is the group-commit batch), {@code
   * gantry_store_write_queue} (records waiting now), {@code gantry_store_write_failures_total}
   * (records whose transaction failed) and {@code gantry_store_write_rejections_total} (refused
   * because the queue was full). Nothing without a store.
   */
  public void registerMetrics(dev.gantry.gateway.metrics.GaugeSink sink) {
    if (store == null) {
      return;
    }
    AuditLog log = store.audit();
    sink.gauge("gantry_store_writes_total", () -> log.stats().committed());
    sink.gauge("gantry_store_commits_total", () -> log.stats().batches());
    sink.gauge("gantry_store_write_queue", () -> log.stats().queued());
    sink.gauge("gantry_store_write_failures_total", () -> log.stats().failed());
    sink.gauge("gantry_store_write_rejections_total", () -> log.stats().rejected());
  }

  @Override
  public void close() {
    if (lookups != null) {
      lookups.shutdownNow();
    }
    if (store != null) {
      store.close();
    }
  }
}
