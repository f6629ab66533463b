package dev.gantry.gateway.routing;

import dev.gantry.core.config.DeploymentConfig;
import dev.gantry.core.config.RouteConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Orders a route's deployments for one request: deployments whose circuit is not open, in a random
 * order weighted by weight ÷ load (sampling without replacement), where load is the deployment's
 * peak-EWMA latency times its requests outstanding plus one — so a slow or busy deployment is
 * chosen less, in proportion; then zero-weight (fallback-only) deployments in list order, then
 * those whose circuit is open, in list order (their breakers refuse them until a probe is due).
 * Thread-safe if the generator is.
 */
public final class AttemptPlanner {
  private final RandomGenerator random;
  private final DeploymentHealth health;

  public AttemptPlanner(RandomGenerator random, DeploymentHealth health) {
    this.random = random;
    this.health = health;
  }

  public List<DeploymentConfig> plan(RouteConfig route) {
    List<DeploymentConfig> all = route.deployments();
    if (all.size() == 1) {
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
    order.addAll(fallbacks);
    order.addAll(unhealthy);
    return order;
  }
}
