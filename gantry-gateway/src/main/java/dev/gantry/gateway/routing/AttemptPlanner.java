package dev.gantry.gateway.routing;

import dev.gantry.core.config.DeploymentConfig;
import dev.gantry.core.config.RouteConfig;
import dev.gantry.core.config.RouteLatency;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Orders a route's deployments for one request: deployments whose circuit is not open, in a random
 * order weighted by weight ÷ load (sampling without replacement), where load is the deployment's
 * peak-EWMA latency times its requests outstanding plus one — so a slow or busy deployment is
 * chosen less, in proportion; then zero-weight (fallback-only) deployments in list order, then
 * those whose circuit is open, in list order (their breakers refuse them until a probe is due).
 *
 * <p>With a {@link RouteGoal#region() region}, the deployments of that region (and those that name
 * none) come before the others in each of those groups: the route fails over to other regions only
 * when the local ones are open, and fails back as soon as they are healthy again (a due probe
 * counts as healthy). With a latency budget, the deployments expected to meet it (by {@link
 * DeploymentHealth.Deployment#estimateNanos}; one without samples is given the benefit of the
 * doubt) come first, cheapest first (unknown prices last; weighted before fallback-only, local
 * before remote, then the order above); the others follow fastest first when the route's {@code
 * on_unmet} is {@code best_effort} and are left out when it is {@code reject} — an empty plan then
 * means no deployment is expected to meet the budget. Thread-safe if the generator is.
 */
public final class AttemptPlanner {
  private final RandomGenerator random;
  private final DeploymentHealth health;

  public AttemptPlanner(RandomGenerator random, DeploymentHealth health) {
    this.random = random;
    this.health = health;
  }

  public List<DeploymentConfig> plan(RouteConfig route) {
    return plan(route, RouteGoal.NONE);
  }

  /** The order for a request with {@code goal}; empty only when a budget cannot be met. */
  public List<DeploymentConfig> plan(RouteConfig route, RouteGoal goal) {
    List<DeploymentConfig> all = route.deployments();
    if (all.size() == 1 && !goal.budgeted()) {
      return all;
    }
    List<DeploymentConfig> weighted = new ArrayList<>(all.size());
    List<DeploymentConfig> fallbacks = new ArrayList<>();
    List<DeploymentConfig> unhealthy = new ArrayList<>();
    for (DeploymentConfig d : all) {
      if (!health.healthy(d.provider(), d.model())) {
        unhealthy.add(d);
      } else if (d.weight() > 0) {
        weighted.add(d);
      } else {
        fallbacks.add(d);
      }
    }
    List<DeploymentConfig> order = new ArrayList<>(all.size());
    List<Double> shares = new ArrayList<>(weighted.size());
    double total = 0;
    for (DeploymentConfig d : weighted) {
      double share = d.weight() / health.load(d.provider(), d.model());
      shares.add(share);
      total += share;
    }
    while (!weighted.isEmpty()) {
      double pick = random.nextDouble() * total;
      int i = 0;
      while (i < weighted.size() - 1 && pick >= shares.get(i)) {
        pick -= shares.get(i);
        i++;
      }
      order.add(weighted.remove(i));
      total -= shares.remove(i);
    }
    if (goal.region() != null) {
      order = localFirst(order, goal);
      fallbacks = localFirst(fallbacks, goal);
      unhealthy = localFirst(unhealthy, goal);
    }
    List<DeploymentConfig> open = unhealthy;
    order.addAll(fallbacks);
    order.addAll(unhealthy);
    return goal.budgeted() ? withinBudget(order, open, goal) : order;
  }

  private static List<DeploymentConfig> localFirst(List<DeploymentConfig> list, RouteGoal goal) {
    List<DeploymentConfig> out = new ArrayList<>(list.size());
    for (DeploymentConfig d : list) {
      if (goal.local(d)) {
        out.add(d);
      }
    }
    for (DeploymentConfig d : list) {
      if (!goal.local(d)) {
        out.add(d);
      }
    }
    return out;
  }

  private List<DeploymentConfig> withinBudget(
      List<DeploymentConfig> order, List<DeploymentConfig> open, RouteGoal goal) {
    List<DeploymentConfig> meet = new ArrayList<>(order.size());
    List<DeploymentConfig> miss = new ArrayList<>();
    for (DeploymentConfig d : order) {
      long estimate = estimate(d, goal);
      if (estimate <= goal.budgetNanos()) {
        meet.add(d);
      } else {
        miss.add(d);
      }
    }
    // stable sorts: ties keep the weighted, region-aware order
    meet.sort(
        Comparator.<DeploymentConfig>comparingInt(d -> open.contains(d) ? 1 : 0)
            .thenComparingInt(d -> d.weight() > 0 ? 0 : 1)
            .thenComparingInt(d -> goal.local(d) ? 0 : 1)
            .thenComparingLong(d -> price(d, goal)));
    if (goal.onUnmet() == RouteLatency.OnUnmet.BEST_EFFORT) {
      miss.sort(Comparator.comparingLong(d -> estimate(d, goal)));
      meet.addAll(miss);
    }
    return meet;
  }

  /** The expected latency, or 0 (meets any budget) before the deployment's first sample. */
  private long estimate(DeploymentConfig d, RouteGoal goal) {
    long e = health.of(d.provider(), d.model()).estimateNanos(goal.streamed());
    return e < 0 ? 0 : e;
  }

  private static long price(DeploymentConfig d, RouteGoal goal) {
    long p = goal.prices().requestMicros(d);
    return p < 0 ? Long.MAX_VALUE : p;
  }
}
