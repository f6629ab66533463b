package dev.gantry.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.pipeline.ChunkSink;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.gateway.security.Endpoint;
import io.vertx.core.http.HttpServerResponse;
import java.util.function.Consumer;

/**
 * OpenAI chat completions: the canonical shape itself, so answers and chunks go out as they are.
 * Stateless; one shared instance.
 */
final class ChatApi implements InboundApi {
  static final ChatApi INSTANCE = new ChatApi();

  private ChatApi() {}

  @Override
  public String name() {
    return "chat";
  }

  @Override
  public Endpoint endpoint() {
    return Endpoint.CHAT;
  }

  @Override
  public void error(HttpServerResponse response, ApiError error) {
    Responses.error(response, error);
  }

  @Override
  public void answer(HttpServerResponse response, Exchange exchange, ObjectNode completion) {
    Responses.json(response, 200, completion);
  }

  @Override
  public ChunkSink stream(
      HttpServerResponse response,
      Exchange exchange,
      Runnable beforeFirstByte,
      Consumer<ApiError> plainError) {
    return new SseChunkSink(response, beforeFirstByte, plainError);
  }
}
