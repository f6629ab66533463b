package dev.gantry.core.config;

import java.util.List;
import java.util.Objects;

/**
 * A public model name ({@code routes.<name>}) and the ordered deployments that serve it.
 *
 * @param name the model name clients send
 */
public record RouteConfig(String name, List<DeploymentConfig> deployments, RetryConfig retry) {
  public RouteConfig {
    Objects.requireNonNull(name, "name");
    deployments = List.copyOf(deployments);
    if (deployments.isEmpty()) {
      throw new IllegalArgumentException("routes." + name + ".deployments must not be empty");
    }
    Objects.requireNonNull(retry, "retry");
  }
}
