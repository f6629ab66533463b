package dev.gantry.gateway.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.Usage;
import dev.gantry.core.cost.CallCost;
import dev.gantry.core.cost.Usd;
import dev.gantry.core.pipeline.ChunkSink;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.gateway.guard.ForwardingSinkBase;

/**
 * Prices a streamed answer as it passes: the final usage chunk (when the client asked for one) gets
 * an extra {@code usage.cost} field, a decimal number of US dollars, which the OpenAI SDKs ignore;
 * at the end of the stream the call is priced from the upstream's usage, or, when none came (a
 * broken stream, a provider without usage in streams), from Gantry's own count of the request and
 * of the text streamed so far, marked estimated. Sits nearest the upstream so it sees the raw
 * answer. One per request; event-loop thread only.
 */
final class CostingSink extends ForwardingSinkBase {
  private final Exchange exchange;
  private final CostMeter meter;
  private final StringBuilder text = new StringBuilder();
  private boolean chunks;
  private boolean priced;

  CostingSink(ChunkSink next, Exchange exchange, CostMeter meter) {
    super(next);
    this.exchange = exchange;
    this.meter = meter;
  }

  @Override
  public void send(ObjectNode chunk) {
    chunks = true;
    for (JsonNode choice : chunk.path("choices")) {
      JsonNode delta = choice.path("delta");
      if (delta.path("content").isTextual()) {
        text.append(delta.get("content").asText());
      }
      for (JsonNode call : delta.path("tool_calls")) {
        text.append(call.path("function").path("arguments").asText(""));
      }
    }
    JsonNode usage = chunk.get("usage");
    if (usage instanceof ObjectNode u) {
      CallCost call = price(Usage.fromOpenAi(u));
      if (call != null && call.cost().known()) {
        u.put("cost", Usd.toUsd(call.cost().micros()));
      }
    }
    next.send(chunk);
  }

  /**
   * Only watches the stream, so an upstream's own events may pass unchanged; the call is then
   * priced at the end from the usage the upstream reported (no {@code usage.cost} is added to
   * them).
   */
  @Override
  public dev.gantry.core.pipeline.PassthroughSink passthrough() {
    return next.passthrough();
  }

  @Override
  public void end() {
    price(exchange.usage());
    next.end();
  }

  @Override
  public void fail(ApiError error) {
    if (chunks) {
      // Part of an answer was generated (and billed) before the stream broke.
      price(exchange.usage());
    }
    next.fail(error);
  }

  /** Prices the call once; null when it was priced already or no upstream was called. */
  private CallCost price(Usage usage) {
    if (priced || exchange.provider() == null) {
      return null;
    }
    priced = true;
    return meter.record(
        exchange, exchange.provider(), exchange.deployment(), usage, text.toString());
  }
}
