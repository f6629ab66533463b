package dev.gantry.core.cost;

import dev.gantry.core.api.Usage;
import java.util.Objects;

/**
 * The cost of one upstream call of a request.
 *
 * @param tier the tier the call was made on, or null for a route without tiers
 * @param usage the tokens it used (reported by the upstream, or counted by Gantry when estimated)
 * @param discarded true when its answer was thrown away (a cascade escalated past it)
 */
public record CallCost(
    String provider, String model, String tier, Usage usage, Cost cost, boolean discarded) {
  public CallCost {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(cost, "cost");
  }

  public CallCost discard() {
    return new CallCost(provider, model, tier, usage, cost, true);
  }
}
