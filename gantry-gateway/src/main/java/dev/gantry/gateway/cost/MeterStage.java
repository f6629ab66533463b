package dev.gantry.gateway.cost;

import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.pipeline.Stage;
import dev.gantry.core.pipeline.Verdict;
import java.util.concurrent.CompletionStage;

/**
 * Puts a {@link CostingSink} in front of a stream's client, nearest the upstream (so it sees the
 * raw answer), to price it and to add {@code cost} to its final usage chunk. Complete answers are
 * priced by the invoke stage as each call returns. Shared and thread-safe.
 */
final class MeterStage implements Stage {
  private final CostMeter meter;

  MeterStage(CostMeter meter) {
    this.meter = meter;
  }

  @Override
  public String name() {
    return "meter";
  }

  @Override
  public CompletionStage<Verdict> onRequest(Exchange exchange) {
    if (exchange.sink() != null) {
      exchange.sink(new CostingSink(exchange.sink(), exchange, meter));
    }
    return Verdict.PASS_NOW;
  }

  @Override
  public String toString() {
    return name();
  }
}
