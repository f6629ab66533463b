package dev.gantry.gateway;

import dev.gantry.core.events.EventBus;
import dev.gantry.core.time.ManualTime;
import dev.gantry.core.time.Scheduler;
import dev.gantry.core.time.Ticker;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * How to start a {@link Gateway} beyond its configuration.
 *
 * @param configFile the file to watch for hot reload, or null for none
 * @param env environment used for {@code ${VAR}} substitution on reload
 * @param eventLoops number of event loops (and server instances); 0 means one per available core
 * @param ticker monotonic time for elapsed times, deadlines and health windows
 * @param random randomness for weighted choice and jitter; must be thread-safe
 * @param events the bus every observable event is published on
 * @param clock wall time for records (audit, keys, usage), the day a price applies to, spend-limit
 *     periods and ledger times; on the same time line as {@code ticker}
 * @param scheduler runs the timers whose behaviour tests check (retry backoff, idle streams, the
 *     configuration watcher) on {@code ticker}'s time line; null means real time (Vert.x timers).
 *     Network deadlines (body, header and request timeouts) always run on real time.
 */
public record GatewayOptions(
    Path configFile,
    Map<String, String> env,
    int eventLoops,
    Ticker ticker,
    RandomGenerator random,
    EventBus events,
    Clock clock,
    Scheduler scheduler) {

  public GatewayOptions {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(ticker, "ticker");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(clock, "clock");
  }

  public static GatewayOptions defaults() {
    return new GatewayOptions(
        null,
        System.getenv(),
        0,
        Ticker.SYSTEM,
        new Random(),
        new EventBus(),
        Clock.systemUTC(),
        null);
  }

  public GatewayOptions withConfigFile(Path file) {
    return new GatewayOptions(file, env, eventLoops, ticker, random, events, clock, scheduler);
  }

  public GatewayOptions withEnv(Map<String, String> newEnv) {
    return new GatewayOptions(
        configFile, newEnv, eventLoops, ticker, random, events, clock, scheduler);
  }

  public GatewayOptions withEventLoops(int n) {
    return new GatewayOptions(configFile, env, n, ticker, random, events, clock, scheduler);
  }

  public GatewayOptions withRandom(RandomGenerator r) {
    return new GatewayOptions(configFile, env, eventLoops, ticker, r, events, clock, scheduler);
  }

  public GatewayOptions withEvents(EventBus bus) {
    return new GatewayOptions(configFile, env, eventLoops, ticker, random, bus, clock, scheduler);
  }

  /** Runs every injected time source (ticker, wall clock, scheduler) on {@code time}. */
  public GatewayOptions withTime(ManualTime time) {
    return new GatewayOptions(
        configFile, env, eventLoops, time, random, events, time.clock(), time);
  }

  /** Options with another wall clock (tests move it by hand). */
  public GatewayOptions withClock(Clock c) {
    return new GatewayOptions(configFile, env, eventLoops, ticker, random, events, c, scheduler);
  }

  /** Options with another monotonic ticker (tests move it by hand). */
  public GatewayOptions withTicker(Ticker t) {
    return new GatewayOptions(configFile, env, eventLoops, t, random, events, clock, scheduler);
  }
}
