package dev.gantry.sim;

import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * The run-time state of one installed scenario: its root random generator, fault counters, rate
 * limiter and prompt cache. Replaced as a whole when the scenario changes. Thread-safe.
 */
final class SimState {
  final Scenario scenario;
  final long seed;
  final FaultPlan faults;
  final RateLimiter rateLimiter;
  final PromptCache cache;
  private final SplittableRandom root;

  SimState(Scenario scenario, long seed, LongSupplier nanoClock) {
    this.scenario = scenario;
    this.seed = seed;
    this.root = new SplittableRandom(seed);
    this.faults = new FaultPlan(scenario.faults());
    this.rateLimiter = scenario.rpm() > 0 ? new RateLimiter(scenario.rpm(), nanoClock) : null;
    this.cache = new PromptCache(nanoClock);
  }

  /**
   * A generator for one request, drawn from the root in arrival order: every decision about that
   * request (faults, delays, ids) uses it, so interleaving with other requests changes nothing.
   */
  synchronized SplittableRandom forRequest() {
    return root.split();
  }
}
