package dev.gantry.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.pipeline.ChunkSink;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.gateway.security.Endpoint;
import io.vertx.core.http.HttpServerResponse;
import java.util.function.Consumer;

/**
 * The Anthropic Messages API's face for one request: renders the canonical answer as a {@code
 * message} (or its event stream) and errors in Anthropic's shape. One per request; event-loop
 * thread only.
 */
final class MessagesApi implements InboundApi {
  private final String id = OpaqueIds.next("msg_");
  private final String model;
  private final long inputTokens;
  private final ObjectNode request;

  /**
   * @param model the model name the client asked for, echoed in the answer
   * @param inputTokens the prompt's size as Gantry counts it (for the stream's first event)
   * @param request the client's body, which an Anthropic upstream gets unchanged
   */
  MessagesApi(String model, long inputTokens, ObjectNode request) {
    this.model = model;
    this.inputTokens = inputTokens;
    this.request = request;
  }

  @Override
  public void prepare(Exchange exchange) {
    exchange.nativeRequest(
        new dev.gantry.core.pipeline.NativeRequest(
            dev.gantry.core.pipeline.NativeRequest.ANTHROPIC_MESSAGES, request));
  }

  @Override
  public String name() {
    return "messages";
  }

  @Override
  public Endpoint endpoint() {
    return Endpoint.MESSAGES;
  }

  @Override
  public void error(HttpServerResponse response, ApiError error) {
    AnthropicErrors.write(response, error);
  }

  @Override
  public void answer(HttpServerResponse response, Exchange exchange, ObjectNode completion) {
    ObjectNode upstream = exchange.nativeResponseFor(completion);
    if (upstream != null) {
      // The Anthropic upstream's own answer: thinking blocks, citations and cache usage intact.
      Responses.json(response, 200, upstream.deepCopy().put("model", model));
    } else {
      Responses.json(response, 200, MessagesObject.of(id, model, completion));
    }
  }

  @Override
  public ChunkSink stream(
      HttpServerResponse response,
      Exchange exchange,
      Runnable beforeFirstByte,
      Consumer<ApiError> plainError) {
    return new MessagesStream(
        new SseEvents(response, beforeFirstByte), id, model, inputTokens, plainError);
  }
}
