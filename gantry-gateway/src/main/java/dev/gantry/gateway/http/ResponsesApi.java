package dev.gantry.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.Json;
import dev.gantry.core.pipeline.ChunkSink;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.pipeline.NativeRequest;
import dev.gantry.gateway.security.Endpoint;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The Responses API's face for one request: renders the canonical answer as a {@code response}
 * object (or its event stream), stores it with its conversation when the request asked for {@code
 * store} (the default) before the client sees it, and writes errors in the OpenAI shape. One per
 * request; event-loop thread only.
 */
final class ResponsesApi implements InboundApi {
  private final String id;
  private final long createdAt;
  private final ObjectNode request;
  private final Function<ObjectNode, CompletionStage<Void>> store;
  private final ArrayNode history;

  /**
   * @param request the client's Responses body (its settings are echoed in the answer)
   * @param history the stored conversation the request continues (chat messages), or null
   * @param store writes a finished response (with the conversation that led to it); completes when
   *     it is durable. Not called when the request said {@code store: false}.
   */
  ResponsesApi(
      String id,
      long createdAt,
      ObjectNode request,
      ArrayNode history,
      Function<ObjectNode, CompletionStage<Void>> store) {
    this.id = id;
    this.createdAt = createdAt;
    this.request = request;
    this.history = history;
    this.store = store;
  }

  /**
   * Keeps the request in its own API for an upstream that speaks it: the stored conversation
   * written into {@code input}, and the upstream asked not to store (Gantry keeps the state).
   */
  @Override
  public void prepare(Exchange exchange) {
    ObjectNode body = request.deepCopy();
    body.remove("previous_response_id");
    body.put("store", false);
    if (history != null && !history.isEmpty()) {
      ArrayNode items = ResponsesObject.itemsOf(history);
      JsonNode input = request.get("input");
      if (input.isTextual()) {
        items.addObject().put("role", "user").put("content", input.asText());
      } else {
        items.addAll((ArrayNode) input);
      }
      body.set("input", items);
    }
    exchange.nativeRequest(new NativeRequest(NativeRequest.OPENAI_RESPONSES, body));
  }

  /** An upstream's own response object, showing the client's settings. */
  ObjectNode echoed(ObjectNode upstream) {
    upstream.put("model", request.path("model").asText());
    upstream.put("store", request.path("store").asBoolean(true));
    JsonNode previous = request.get("previous_response_id");
    upstream.set("previous_response_id", previous == null ? Json.MAPPER.nullNode() : previous);
    return upstream;
  }

  @Override
  public String name() {
    return "responses";
  }

  @Override
  public Endpoint endpoint() {
    return Endpoint.RESPONSES;
  }

  @Override
  public void error(HttpServerResponse response, ApiError error) {
    Responses.error(response, error);
  }

  @Override
  public void answer(HttpServerResponse response, Exchange exchange, ObjectNode completion) {
    ObjectNode upstream = exchange.nativeResponseFor(completion);
    ObjectNode result =
        upstream != null
            ? echoed(upstream.deepCopy())
            : ResponsesObject.complete(
                ResponsesObject.shell(id, createdAt, request, "completed"), completion);
    storing(result)
        .whenComplete(
            (v, failure) -> {
              if (failure != null) {
                Responses.error(response, ApiError.internal("The response could not be stored."));
              } else {
                Responses.json(response, 200, result);
              }
            });
  }

  @Override
  public ChunkSink stream(
      HttpServerResponse response,
      Exchange exchange,
      Runnable beforeFirstByte,
      Consumer<ApiError> plainError) {
    return new ResponsesStream(
        new SseEvents(response, beforeFirstByte),
        ResponsesObject.shell(id, createdAt, request, "in_progress"),
        plainError,
        this::storing,
        this::echoed);
  }

  private CompletionStage<Void> storing(ObjectNode result) {
    if (!request.path("store").asBoolean(true)) {
      return CompletableFuture.completedFuture(null);
    }
    return store.apply(result);
  }

  /** The messages a finished response adds to its conversation, after {@code conversation}. */
  static ArrayNode continued(ArrayNode conversation, ObjectNode result) {
    ArrayNode all = conversation.deepCopy();
    all.addAll(ResponsesObject.conversationOf(result.path("output")));
    return all;
  }
}
