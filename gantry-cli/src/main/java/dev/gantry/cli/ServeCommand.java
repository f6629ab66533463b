package dev.gantry.cli;

import dev.gantry.core.config.ConfigException;
import dev.gantry.core.config.ConfigLoader;
import dev.gantry.core.config.GantryConfig;
import dev.gantry.gateway.EmbeddedDefaults;
import dev.gantry.gateway.Gateway;
import dev.gantry.gateway.GatewayOptions;
import dev.gantry.sim.Simulator;
import dev.gantry.sim.SimulatorOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gantry serve}: runs the gateway until interrupted. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Run the gateway. Without --config it starts on localhost with embedded defaults: routes to"
            + " OpenAI when OPENAI_API_KEY is set, else to Anthropic when ANTHROPIC_API_KEY is set,"
            + " else to the extractive provider over the demo knowledge base (examples/rag/kb).")
final class ServeCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "gantry.yaml; reloaded when it changes.")
  Path config;

  @Option(names = "--port", description = "TCP port; overrides server.port of the file.")
  Integer port;

  @Option(
      names = "--event-loops",
      description = "Event loops (default: one per available core).",
      defaultValue = "0")
  int eventLoops;

  @Override
  public Integer call() throws InterruptedException {
    Map<String, String> env = System.getenv();
    GantryConfig loaded;
    Simulator sim = null;
    if (config != null) {
      try {
        loaded = ConfigLoader.load(config, env);
      } catch (ConfigException e) {
        System.err.println(config + " is invalid:");
        e.problems().forEach(p -> System.err.println("  - " + p));
        return 1;
      }
    } else {
      Path home = Path.of(env.getOrDefault("GANTRY_HOME", "."));
      Path demoKb = home.resolve("examples/rag/kb");
      EmbeddedDefaults.Choice choice = EmbeddedDefaults.choose(env, demoKb);
      if (choice == EmbeddedDefaults.Choice.DEMO) {
        loaded =
            EmbeddedDefaults.demo(
                demoKb, Path.of(env.getOrDefault("GANTRY_DATA_DIR", "gantry-data")));
      } else {
        if (choice == EmbeddedDefaults.Choice.SIMULATOR) {
          sim = Simulator.start(SimulatorOptions.defaults().withPort(0));
        }
        loaded = EmbeddedDefaults.config(choice, env, sim == null ? null : sim.baseUrl());
      }
      System.out.println("No --config given: " + EmbeddedDefaults.describe(choice));
    }
    if (port != null) {
      loaded = loaded.withServer(loaded.server().withPort(port));
    }
    GatewayOptions options =
        GatewayOptions.defaults().withEnv(env).withConfigFile(config).withEventLoops(eventLoops);
    Gateway gateway;
    try {
      gateway = Gateway.start(loaded, options);
    } catch (IllegalStateException e) {
      System.err.println(e.getMessage());
      if (sim != null) {
        sim.close();
      }
      return 1;
    }
    // Closed with the gateway's monitoring.
    dev.gantry.eval.schedule.ScheduledEvals.start(gateway, env);
    System.out.println(
        "Gantry is listening on "
            + gateway.baseUrl()
            + "/v1 (models: "
            + String.join(", ", loaded.routes().keySet())
            + ")");
    CountDownLatch stop = new CountDownLatch(1);
    Simulator simToClose = sim;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  gateway.close(java.time.Duration.ofSeconds(10));
                  if (simToClose != null) {
                    simToClose.close();
                  }
                  stop.countDown();
                }));
    stop.await();
    return 0;
  }
}
