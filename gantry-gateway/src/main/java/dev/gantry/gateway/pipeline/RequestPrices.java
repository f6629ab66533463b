package dev.gantry.gateway.pipeline;

import dev.gantry.core.config.DeploymentConfig;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.gateway.cost.Costs;
import dev.gantry.gateway.routing.DeploymentPrices;
import java.util.List;

/**
 * One request's prices on each deployment, from the cost meter's catalog: its input tokens (counted
 * once, when first asked) and the output it may produce ({@code max_completion_tokens} / {@code
 * max_tokens}, else {@code cost.default_output_tokens}). Used on the request's event loop.
 */
final class RequestPrices implements DeploymentPrices {
  private final Costs costs;
  private final Exchange exchange;
  private long input = -1;
  private long output;

  RequestPrices(Costs costs, Exchange exchange) {
    this.costs = costs;
    this.exchange = exchange;
  }

  private void count() {
    if (input < 0) {
      input = costs.meter().tokens().input(exchange.request());
      output = Math.max(0, costs.tokenEstimate(exchange) - input);
    }
  }

  @Override
  public long requestMicros(DeploymentConfig d) {
    count();
    return costs.meter().worstCase(List.of(d), input, output, false);
  }

  @Override
  public long inputMicros(DeploymentConfig d) {
    count();
    return costs.meter().worstCase(List.of(d), input, 0, false);
  }
}
