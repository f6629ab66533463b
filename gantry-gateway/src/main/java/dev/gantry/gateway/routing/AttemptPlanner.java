package dev.gantry.gateway.routing;

import dev.gantry.core.config.DeploymentConfig;
import dev.gantry.core.config.RouteConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Orders a route's deployments for one request: healthy weighted deployments in a weighted random
 * order (sampling without replacement), then zero-weight (fallback-only) deployments in list order,
 * then unhealthy ones in list order as a last resort. Thread-safe if the generator is.
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
    long total = 0;
    for (DeploymentConfig d : weighted) {
      total += d.weight();
    }
    while (!weighted.isEmpty()) {
      long pick = random.nextLong(total);
      int i = 0;
      while (pick >= weighted.get(i).weight()) {
        pick -= weighted.get(i).weight();
        i++;
      }
      DeploymentConfig chosen = weighted.remove(i);
      total -= chosen.weight();
      order.add(chosen);
    }
    order.addAll(fallbacks);
    order.addAll(unhealthy);
    return order;
  }
}
