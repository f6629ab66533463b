package dev.gantry.cli;

import dev.gantry.core.config.Units;
import dev.gantry.core.security.KeyLimits;
import dev.gantry.store.Store;
import dev.gantry.store.audit.AdminRecord;
import dev.gantry.store.keys.CreatedKey;
import dev.gantry.store.keys.KeyRecord;
import dev.gantry.store.keys.KeySpec;
import dev.gantry.store.keys.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gantry keys ...}: API keys, straight in the store (also while the gateway runs). */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Create, list, revoke and rotate API keys.",
    subcommands = {
      KeysCommand.Create.class,
      KeysCommand.ListKeys.class,
      KeysCommand.Revoke.class,
      KeysCommand.Rotate.class
    })
final class KeysCommand implements Runnable {
  static final String CLI_ACTOR = "cli";

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static void audit(Store store, String tenant, String action, String id, String after) {
    store
        .audit()
        .append(new AdminRecord(Instant.now(), tenant, CLI_ACTOR, action, "key", id, null, after))
        .join();
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a key and print it, alone on its own line (it is never shown again).")
  static final class Create implements Callable<Integer> {
    @Mixin StoreOptions where = new StoreOptions();

    @Option(names = "--tenant", required = true)
    String tenant;

    @Option(names = "--role", required = true, description = "admin, operator, developer, app")
    String role;

    @Option(names = "--name")
    String name;

    @Option(names = "--routes", split = ",", description = "Routes the key may call (default all)")
    List<String> routes = List.of();

    @Option(
        names = "--endpoints",
        split = ",",
        description = "chat,embeddings,models,retrieve,admin")
    List<String> endpoints = List.of();

    @Option(names = "--expires", description = "Lifetime, e.g. 30d or 12h")
    String expires;

    @Option(names = "--rpm", description = "The key's own limit of requests per minute")
    int rpm;

    @Option(
        names = "--tpm",
        description = "The key's own limit of tokens per minute (input plus reserved output)")
    int tpm;

    @Option(names = "--concurrency", description = "The key's own limit of requests in flight")
    int concurrency;

    @Override
    public Integer call() throws Exception {
      Role r;
      try {
        r = Role.valueOf(role.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        System.err.println("--role must be admin, operator, developer or app");
        return 2;
      }
      KeyLimits limits;
      try {
        limits = new KeyLimits(rpm, tpm, concurrency);
      } catch (IllegalArgumentException e) {
        System.err.println(e.getMessage());
        return 2;
      }
      KeySpec spec =
          KeySpec.of(tenant, r, name == null ? role + " key" : name)
              .withRoutes(routes)
              .withEndpoints(endpoints)
              .withLimits(limits);
      if (expires != null) {
        Duration d = Units.parseDuration(expires);
        if (d == null || d.isZero()) {
          System.err.println("--expires must be a duration such as 30d or 12h");
          return 2;
        }
        spec = spec.expiringAt(Instant.now().plus(d));
      }
      try (Store store = where.open()) {
        CreatedKey k = store.keys().create(spec);
        audit(store, tenant, "key.create", k.record().id(), null);
        System.err.println(
            "Created key "
                + k.record().id()
                + " ("
                + r.name().toLowerCase(Locale.ROOT)
                + ", tenant "
                + tenant
                + "). It is shown only now:");
        System.out.println(k.plaintext());
        return 0;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (no secrets).")
  static final class ListKeys implements Callable<Integer> {
    @Mixin StoreOptions where = new StoreOptions();

    @Option(names = "--tenant")
    String tenant;

    @Override
    public Integer call() throws Exception {
      try (Store store = where.open()) {
        List<KeyRecord> keys = tenant == null ? store.keys().listAll() : store.keys().list(tenant);
        System.out.printf(
            "%-26s %-10s %-12s %-10s %-24s %-20s %s%n",
            "ID", "PREFIX", "TENANT", "ROLE", "STATE", "RPM/TPM/CONCURRENCY", "NAME");
        for (KeyRecord k : keys) {
          String state =
              k.revokedAt() != null
                  ? "revoked"
                  : k.expiresAt() != null && k.expiresAt().isBefore(Instant.now())
                      ? "expired"
                      : k.expiresAt() != null ? "expires " + k.expiresAt() : "active";
          System.out.printf(
              "%-26s %-10s %-12s %-10s %-24s %-20s %s%n",
              k.id(),
              k.prefix(),
              k.tenant(),
              k.role().name().toLowerCase(Locale.ROOT),
              state,
              k.limits().isNone()
                  ? "-"
                  : k.limits().rpm() + "/" + k.limits().tpm() + "/" + k.limits().concurrency(),
              k.name());
        }
        return 0;
      }
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key by id.")
  static final class Revoke implements Callable<Integer> {
    @Mixin StoreOptions where = new StoreOptions();

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    public Integer call() throws Exception {
      try (Store store = where.open()) {
        var k = store.keys().get(id);
        if (k.isEmpty()) {
          System.err.println("no key " + id);
          return 1;
        }
        if (!store.keys().revoke(id)) {
          System.err.println("key " + id + " was already revoked");
          return 1;
        }
        audit(store, k.get().tenant(), "key.revoke", id, null);
        System.out.println("revoked " + id);
        return 0;
      }
    }
  }

  @Command(
      name = "rotate",
      mixinStandardHelpOptions = true,
      description = "Replace a key with a new one (same tenant, role and scopes); prints it once.")
  static final class Rotate implements Callable<Integer> {
    @Mixin StoreOptions where = new StoreOptions();

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    public Integer call() throws Exception {
      try (Store store = where.open()) {
        CreatedKey k;
        try {
          k = store.keys().rotate(id);
        } catch (java.util.NoSuchElementException | IllegalStateException e) {
          System.err.println(e.getMessage());
          return 1;
        }
        audit(store, k.record().tenant(), "key.rotate", id, null);
        System.err.println("Rotated " + id + " into " + k.record().id() + ":");
        System.out.println(k.plaintext());
        return 0;
      }
    }
  }
}
