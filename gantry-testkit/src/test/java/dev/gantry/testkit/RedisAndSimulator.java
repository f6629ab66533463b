package dev.gantry.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gantry.sim.Simulator;

/**
 * What the tests of limits and spend shared across replicas start once per class: a simulator and a
 * real Redis server. The class is skipped on a machine without {@code redis-server}. Close it when
 * done.
 */
public record RedisAndSimulator(Simulator sim, RedisServer redis) implements AutoCloseable {

  /** Starts both; {@code scenarioYaml} is the simulator's scenario, or null for the default. */
  public static RedisAndSimulator start(String scenarioYaml) {
    assumeTrue(RedisServer.binary().isPresent(), "redis-server is not installed");
    Simulator sim =
        scenarioYaml == null ? GantryTestKit.simulator() : GantryTestKit.simulator(scenarioYaml);
    try {
      return new RedisAndSimulator(sim, RedisServer.start());
    } catch (RuntimeException e) {
      sim.close();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      sim.close();
    } finally {
      redis.close();
    }
  }
}
