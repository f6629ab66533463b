package dev.gantry.gateway;

import dev.gantry.core.events.EventBus;
import dev.gantry.core.time.Ticker;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * How to start a {@link Gateway} beyond its configuration.
 *
 * @param configFile the file to watch for hot reload, or null for none
 * @param env environment used for {@code ${VAR}} substitution on reload
 * @param eventLoops number of event loops (and server instances); 0 means one per available core
 * @param random randomness for weighted choice and jitter; must be thread-safe
 */
public record GatewayOptions(
    Path configFile,
    Map<String, String> env,
    int eventLoops,
    Ticker ticker,
    RandomGenerator random,
    EventBus events) {

  public static GatewayOptions defaults() {
    return new GatewayOptions(
        null, System.getenv(), 0, Ticker.SYSTEM, new Random(), new EventBus());
  }

  public GatewayOptions withConfigFile(Path file) {
    return new GatewayOptions(file, env, eventLoops, ticker, random, events);
  }

  public GatewayOptions withEnv(Map<String, String> newEnv) {
    return new GatewayOptions(configFile, newEnv, eventLoops, ticker, random, events);
  }

  public GatewayOptions withEventLoops(int n) {
    return new GatewayOptions(configFile, env, n, ticker, random, events);
  }

  public GatewayOptions withRandom(RandomGenerator r) {
    return new GatewayOptions(configFile, env, eventLoops, ticker, r, events);
  }

  public GatewayOptions withEvents(EventBus bus) {
    return new GatewayOptions(configFile, env, eventLoops, ticker, random, bus);
  }
}
