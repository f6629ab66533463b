package dev.gantry.sim;

import io.vertx.core.Vertx;

/**
 * How to start a {@link Simulator}. Immutable; start from {@link #defaults()} and use the withers.
 *
 * @param host the interface to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port the TCP port, or 0 for any free port
 * @param scenario what to simulate; null means {@link Scenario#instant()}
 * @param seed the seed of every random decision; {@link #SEED_FROM_SCENARIO} means the scenario's
 *     {@code seed} (or 0 when it has none). Any other value overrides the scenario's seed.
 * @param vertx the Vert.x instance to run on (not closed by the simulator), or null for a private
 *     one with the native transport when available
 * @param tlsCert PEM certificate chain to serve HTTPS with, or null for plain HTTP
 * @param tlsKey PEM private key of {@code tlsCert}
 */
public record SimulatorOptions(
    String host,
    int port,
    Scenario scenario,
    long seed,
    Vertx vertx,
    java.nio.file.Path tlsCert,
    java.nio.file.Path tlsKey) {

  /** The {@link #seed} value meaning "use the scenario's seed". */
  public static final long SEED_FROM_SCENARIO = Long.MIN_VALUE;

  public SimulatorOptions {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must be a host name or address, was " + host);
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
  }

  /** 127.0.0.1, any free port, the instant scenario, the scenario's seed, a private Vert.x. */
  public static SimulatorOptions defaults() {
    return new SimulatorOptions("127.0.0.1", 0, null, SEED_FROM_SCENARIO, null, null, null);
  }

  public SimulatorOptions withHost(String host) {
    return new SimulatorOptions(host, port, scenario, seed, vertx, tlsCert, tlsKey);
  }

  public SimulatorOptions withPort(int port) {
    return new SimulatorOptions(host, port, scenario, seed, vertx, tlsCert, tlsKey);
  }

  public SimulatorOptions withScenario(Scenario scenario) {
    return new SimulatorOptions(host, port, scenario, seed, vertx, tlsCert, tlsKey);
  }

  public SimulatorOptions withSeed(long seed) {
    return new SimulatorOptions(host, port, scenario, seed, vertx, tlsCert, tlsKey);
  }

  public SimulatorOptions withVertx(Vertx vertx) {
    return new SimulatorOptions(host, port, scenario, seed, vertx, tlsCert, tlsKey);
  }

  /** Serves HTTPS with a PEM certificate chain and key. */
  public SimulatorOptions withTls(java.nio.file.Path cert, java.nio.file.Path key) {
    return new SimulatorOptions(host, port, scenario, seed, vertx, cert, key);
  }

  /** The seed used for {@code scenario}: this one's unless {@link #SEED_FROM_SCENARIO}. */
  long effectiveSeed(Scenario scenario) {
    return seed != SEED_FROM_SCENARIO ? seed : scenario.seed().orElse(0L);
  }
}
