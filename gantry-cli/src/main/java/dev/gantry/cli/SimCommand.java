package dev.gantry.cli;

import dev.gantry.sim.Scenario;
import dev.gantry.sim.Simulator;
import dev.gantry.sim.SimulatorOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gantry sim}: runs the upstream simulator until interrupted. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description =
        "Run the OpenAI- and Anthropic-compatible upstream simulator (scripted answers, latency,"
            + " faults). With no scenario it answers instantly.")
final class SimCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      description = "TCP port (default: ${DEFAULT-VALUE}).",
      defaultValue = "18080")
  int port;

  @Option(
      names = "--host",
      description = "Interface to bind (default: ${DEFAULT-VALUE}).",
      defaultValue = "127.0.0.1")
  String host;

  @Option(names = "--scenario", paramLabel = "FILE", description = "Scenario YAML file.")
  Path scenario;

  @Option(
      names = "--seed",
      description = "Seed for latency and fault draws (overrides the scenario's).")
  Long seed;

  @Override
  public Integer call() throws InterruptedException {
    Scenario plan = scenario == null ? null : Scenario.load(scenario);
    SimulatorOptions options =
        SimulatorOptions.defaults().withHost(host).withPort(port).withScenario(plan);
    if (seed != null) {
      options = options.withSeed(seed);
    }
    Simulator sim = Simulator.start(options);
    System.out.println(
        "gantry sim listening on "
            + sim.baseUrl()
            + (scenario == null
                ? " (instant replies, no scenario)"
                : " (scenario " + scenario + ")"));
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sim.close();
                  stop.countDown();
                }));
    stop.await();
    return 0;
  }
}
