package dev.gantry.core.config;

import java.util.Objects;

/**
 * A route's cost controls: its request budget, token optimisation and model tiers.
 *
 * @param tiering the route's tiers, or null when it has none
 */
public record RouteCost(RequestBudget budget, OptimizeConfig optimize, TieringConfig tiering) {
  public static final RouteCost NONE = new RouteCost(RequestBudget.NONE, OptimizeConfig.NONE, null);

  public RouteCost {
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(optimize, "optimize");
  }
}
