package dev.gantry.core.config;

import java.util.List;
import java.util.Objects;

/**
 * A public model name ({@code routes.<name>}) and the ordered deployments that serve it.
 *
 * @param name the model name clients send
 * @param guardrails the route's input and output checks ({@link GuardrailsConfig#NONE} if none)
 * @param rag retrieval from a knowledge base, or null
 * @param cost request budget, token optimisation and model tiers ({@link RouteCost#NONE} if none)
 * @param cache the route's response cache, or null when it has none
 * @param latency the route's default latency budget and what an unmet one gets
 */
public record RouteConfig(
    String name,
    List<DeploymentConfig> deployments,
    RetryConfig retry,
    GuardrailsConfig guardrails,
    RouteRag rag,
    RouteCost cost,
    RouteCache cache,
    RouteLatency latency) {
  public RouteConfig {
    Objects.requireNonNull(name, "name");
    deployments = List.copyOf(deployments);
    if (deployments.isEmpty()) {
      throw new IllegalArgumentException("routes." + name + ".deployments must not be empty");
    }
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(guardrails, "guardrails");
    Objects.requireNonNull(cost, "cost");
    Objects.requireNonNull(latency, "latency");
  }

  public RouteConfig(
      String name,
      List<DeploymentConfig> deployments,
      RetryConfig retry,
      GuardrailsConfig guardrails,
      RouteRag rag,
      RouteCost cost,
      RouteCache cache) {
    this(name, deployments, retry, guardrails, rag, cost, cache, RouteLatency.NONE);
  }

  /** The same route with another latency budget. */
  public RouteConfig withLatency(RouteLatency other) {
    return new RouteConfig(name, deployments, retry, guardrails, rag, cost, cache, other);
  }

  public RouteConfig(
      String name,
      List<DeploymentConfig> deployments,
      RetryConfig retry,
      GuardrailsConfig guardrails,
      RouteRag rag,
      RouteCost cost) {
    this(name, deployments, retry, guardrails, rag, cost, null);
  }

  /** The same route with another response cache (null for none). */
  public RouteConfig withCache(RouteCache other) {
    return new RouteConfig(name, deployments, retry, guardrails, rag, cost, other, latency);
  }

  public RouteConfig(
      String name,
      List<DeploymentConfig> deployments,
      RetryConfig retry,
      GuardrailsConfig guardrails,
      RouteRag rag) {
    this(name, deployments, retry, guardrails, rag, RouteCost.NONE);
  }

  /** The same route served by other deployments (one tier of a tiered route). */
  public RouteConfig withDeployments(List<DeploymentConfig> others) {
    return new RouteConfig(name, others, retry, guardrails, rag, cost, cache, latency);
  }

  public RouteConfig(String name, List<DeploymentConfig> deployments, RetryConfig retry) {
    this(name, deployments, retry, GuardrailsConfig.NONE, null);
  }
}
