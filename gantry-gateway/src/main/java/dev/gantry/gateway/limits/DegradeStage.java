package dev.gantry.gateway.limits;

import dev.gantry.core.config.DeploymentConfig;
import dev.gantry.core.config.LimitsConfig;
import dev.gantry.core.config.RouteConfig;
import dev.gantry.core.config.RouteCost;
import dev.gantry.core.config.RouteLimits;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.pipeline.Stage;
import dev.gantry.core.pipeline.Verdict;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The {@code degrade} stage, after {@code cache} and {@code retrieve}: a request that admission
 * shed under overload and that the response cache did not answer is pointed at the extractive
 * provider (which quotes the sources just retrieved; no model, no upstream call, no cost) when its
 * route lists {@code extractive} in {@code limits.routes.<route>.degraded}, or else refused as
 * admission would have refused it (503 {@code capacity_exceeded}). Requests admitted normally pass
 * untouched. Shared and thread-safe.
 */
public final class DegradeStage implements Stage {
  private final Degradation degradation;
  private final LimitsConfig limits;
  private final String extractive;

  /**
   * @param extractive the name of a provider of type extractive, or null when there is none
   */
  DegradeStage(Degradation degradation, LimitsConfig limits, String extractive) {
    this.degradation = degradation;
    this.limits = limits;
    this.extractive = extractive;
  }

  @Override
  public String name() {
    return "degrade";
  }

  @Override
  public CompletionStage<Verdict> onRequest(Exchange exchange) {
    Degradation.Held held = degradation.take(exchange);
    if (held == null) {
      return Verdict.PASS_NOW;
    }
    RouteConfig route = exchange.route();
    if (extractive != null
        && route.rag() != null
        && limits.route(route.name()).degradesTo(RouteLimits.Degraded.EXTRACTIVE)) {
      exchange.route(
          new RouteConfig(
              route.name(),
              List.of(new DeploymentConfig(extractive, "extractive", 1)),
              route.retry(),
              route.guardrails(),
              route.rag(),
              RouteCost.NONE,
              route.cache()));
      return Verdict.PASS_NOW;
    }
    exchange.degraded(false);
    exchange.rateStatus(held.status());
    return Verdict.now(held.refusal());
  }

  @Override
  public String toString() {
    return name();
  }
}
