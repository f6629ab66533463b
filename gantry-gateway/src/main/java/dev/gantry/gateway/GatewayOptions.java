package dev.gantry.gateway;

import dev.gantry.core.events.EventBus;
import dev.gantry.core.time.Ticker;
import java.nio.file.Path;
import java.time.Clock;
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
 * @param clock wall-clock time: the day a price applies to, spend-limit periods, ledger times
 */
public record GatewayOptions(
    Path configFile,
    Map<String, String> env,
    int eventLoops,
    Ticker ticker,
    RandomGenerator random,
    EventBus events,
    Clock clock) {

  public GatewayOptions(
      Path configFile,
      Map<String, String> env,
      int eventLoops,
      Ticker ticker,
      RandomGenerator random,
      EventBus events) {
    this(configFile, env, eventLoops, ticker, random, events, Clock.systemUTC());
  }

  public static GatewayOptions defaults() {
    return new GatewayOptions(
        null, System.getenv(), 0, Ticker.SYSTEM, new Random(), new EventBus(), Clock.systemUTC());
  }

  public GatewayOptions withConfigFile(Path file) {
    return new GatewayOptions(file, env, eventLoops, ticker, random, events, clock);
  }

  public GatewayOptions withEnv(Map<String, String> newEnv) {
    return new GatewayOptions(configFile, newEnv, eventLoops, ticker, random, events, clock);
  }

  public GatewayOptions withEventLoops(int n) {
    return new GatewayOptions(configFile, env, n, ticker, random, events, clock);
  }

  public GatewayOptions withRandom(RandomGenerator r) {
    return new GatewayOptions(configFile, env, eventLoops, ticker, r, events, clock);
  }

  public GatewayOptions withEvents(EventBus bus) {
    return new GatewayOptions(configFile, env, eventLoops, ticker, random, bus, clock);
  }

  /** Options with another wall clock (tests move it by hand). */
  public GatewayOptions withClock(Clock c) {
    return new GatewayOptions(configFile, env, eventLoops, ticker, random, events, c);
  }

  /** Options with another monotonic ticker (tests move it by hand). */
  public GatewayOptions withTicker(Ticker t) {
    return new GatewayOptions(configFile, env, eventLoops, t, random, events, clock);
  }
}
