package dev.gantry.core.config;

import java.util.Objects;

/**
 * One way to serve a route: a provider and the model name that provider knows.
 *
 * @param weight relative share of traffic among the route's weighted deployments; 0 means "only as
 *     a fallback", tried in list order after every weighted deployment
 */
public record DeploymentConfig(String provider, String model, int weight) {
  public DeploymentConfig {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    if (weight < 0) {
      throw new IllegalArgumentException("weight must be >= 0, was " + weight);
    }
  }
}
