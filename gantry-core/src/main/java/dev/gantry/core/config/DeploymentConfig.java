package dev.gantry.core.config;

import java.util.Objects;

/**
 * One way to serve a route: a provider and the model name that provider knows.
 *
 * @param weight relative share of traffic among the route's weighted deployments; 0 means "only as
 *     a fallback", tried in list order after every weighted deployment
 * @param region where the deployment runs ({@code region}), or null when it does not say; a route
 *     prefers the deployments of the gateway's own region ({@code server.region})
 */
public record DeploymentConfig(String provider, String model, int weight, String region) {
  public DeploymentConfig {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    if (weight < 0) {
      throw new IllegalArgumentException("weight must be >= 0, was " + weight);
    }
    if (region != null && region.isBlank()) {
      throw new IllegalArgumentException("region must not be empty");
    }
  }

  /** A deployment that names no region. */
  public DeploymentConfig(String provider, String model, int weight) {
    this(provider, model, weight, null);
  }
}
