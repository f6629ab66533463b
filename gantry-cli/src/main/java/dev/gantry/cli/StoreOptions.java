package dev.gantry.cli;

import dev.gantry.core.config.ConfigException;
import dev.gantry.core.config.ConfigLoader;
import dev.gantry.core.config.GantryConfig;
import dev.gantry.gateway.security.SecurityRuntime;
import dev.gantry.store.Store;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by commands that work on the store directly (keys, audit, erase). */
class StoreOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "gantry.yaml whose storage, data_dir and secrets to use.")
  Path config;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (SQLite).")
  Path dataDir;

  GantryConfig load() throws ConfigException {
    Map<String, String> env = System.getenv();
    GantryConfig c =
        config != null
            ? ConfigLoader.load(config, env)
            : new GantryConfig(dev.gantry.core.config.ServerConfig.DEFAULTS, Map.of(), Map.of())
                .withDataDir(Path.of(env.getOrDefault("GANTRY_DATA_DIR", "gantry-data")));
    return dataDir != null ? c.withDataDir(dataDir) : c;
  }

  Store open() throws ConfigException {
    return Store.open(SecurityRuntime.storeConfig(load(), System.getenv()));
  }
}
