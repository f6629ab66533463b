package dev.gantry.gateway.pipeline;

import dev.gantry.core.api.ApiError;
import dev.gantry.core.config.RouteConfig;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.pipeline.Stage;
import dev.gantry.core.pipeline.Verdict;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Resolves the requested public model name to its configured route; unknown names get 404. */
public final class RouteStage implements Stage {
  private final Map<String, RouteConfig> routes;

  public RouteStage(Map<String, RouteConfig> routes) {
    this.routes = Map.copyOf(routes);
  }

  @Override
  public String name() {
    return "route";
  }

  @Override
  public CompletionStage<Verdict> onRequest(Exchange exchange) {
    RouteConfig route = routes.get(exchange.request().model());
    if (route == null) {
      return Verdict.now(
          new Verdict.Reject(ApiError.modelNotFound(exchange.request().model()), "unknown model"));
    }
    exchange.route(route);
    return Verdict.PASS_NOW;
  }

  @Override
  public String toString() {
    return name() + routes.keySet();
  }
}
