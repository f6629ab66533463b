package dev.gantry.testkit;

import dev.gantry.core.config.ConfigException;
import dev.gantry.core.config.ConfigLoader;
import dev.gantry.core.config.GantryConfig;
import dev.gantry.gateway.Gateway;
import dev.gantry.gateway.GatewayOptions;
import dev.gantry.sim.Scenario;
import dev.gantry.sim.Simulator;
import dev.gantry.sim.SimulatorOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Starts simulators and gateways on free ports for tests. Configurations are YAML text in which
 * {@code ${SIM_URL}} (and any other variable passed in) is substituted; the gateway's port is
 * forced to 0. Everything started must be closed by the caller (try-with-resources).
 */
public final class GantryTestKit {
  private GantryTestKit() {}

  /** A simulator on a free port answering instantly. */
  public static Simulator simulator() {
    return simulator(Scenario.instant());
  }

  /** A simulator on a free port playing {@code scenario} with seed 1. */
  public static Simulator simulator(Scenario scenario) {
    return Simulator.start(
        SimulatorOptions.defaults().withPort(0).withScenario(scenario).withSeed(1));
  }

  /** A simulator on a free port playing the scenario given as YAML text. */
  public static Simulator simulator(String scenarioYaml) {
    return simulator(Scenario.parse(scenarioYaml));
  }

  /** Parses configuration text, substituting {@code ${SIM_URL}} with the simulator's base URL. */
  public static GantryConfig config(String yaml, Simulator sim) {
    Map<String, String> env = new HashMap<>();
    if (sim != null) {
      env.put("SIM_URL", sim.baseUrl());
    }
    return config(yaml, env);
  }

  /**
   * Parses configuration text for a test. Unless the text says otherwise, the gateway runs without
   * authentication and audit (tests of those switch them on) and keeps its data in a fresh
   * temporary directory.
   */
  public static GantryConfig config(String yaml, Map<String, String> env) {
    try {
      GantryConfig config = ConfigLoader.parse(testDefaults(yaml), env, "test");
      return config.withServer(config.server().withPort(0));
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  static String testDefaults(String yaml) {
    StringBuilder out = new StringBuilder(yaml);
    if (!out.toString().endsWith("\n")) {
      out.append('\n');
    }
    if (!hasTopKey(yaml, "auth")) {
      out.append("auth: {required: false}\n");
    }
    if (!hasTopKey(yaml, "audit")) {
      out.append("audit: {enabled: false}\n");
    }
    if (!hasTopKey(yaml, "data_dir")) {
      try {
        out.append("data_dir: ").append(Files.createTempDirectory("gantry-test-data")).append('\n');
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return out.toString();
  }

  private static boolean hasTopKey(String yaml, String key) {
    return yaml.startsWith(key + ":") || yaml.contains("\n" + key + ":");
  }

  /** A gateway with the given configuration text in front of {@code sim}. */
  public static Gateway gateway(String yaml, Simulator sim) {
    return Gateway.start(config(yaml, sim), options());
  }

  /** A gateway with the given configuration. */
  public static Gateway gateway(GantryConfig config) {
    return Gateway.start(config.withServer(config.server().withPort(0)), options());
  }

  /**
   * A gateway that watches {@code file} for changes; the file's {@code server.port} should be 0.
   */
  public static Gateway gatewayWatching(Path file, Map<String, String> env) {
    return gatewayWatching(file, options().withEnv(env));
  }

  /**
   * A gateway started with {@code options} that watches {@code file} for changes (substituting
   * {@code options.env()}); the file's {@code server.port} should be 0.
   */
  public static Gateway gatewayWatching(Path file, GatewayOptions options) {
    try {
      return Gateway.start(ConfigLoader.load(file, options.env()), options.withConfigFile(file));
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Test defaults: two event loops and a seeded random generator. */
  public static GatewayOptions options() {
    return GatewayOptions.defaults().withEventLoops(2).withRandom(new Random(7)).withEnv(Map.of());
  }

  /** A minimal configuration: each named route goes to the simulator's model of the same name. */
  public static String simConfig(String... routes) {
    StringBuilder yaml =
        new StringBuilder(
            "server:\n  port: 0\nproviders:\n  sim:\n    type: openai_compatible\n"
                + "    base_url: ${SIM_URL}/v1\nroutes:\n");
    for (String route : routes) {
      yaml.append("  ")
          .append(route)
          .append(":\n    deployments:\n      - {provider: sim, model: ")
          .append(route)
          .append("}\n");
    }
    return yaml.toString();
  }

  /** Writes text to a file (for reload tests). */
  public static void write(Path file, String text) {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, text);
      Files.move(
          tmp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
