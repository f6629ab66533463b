package dev.gantry.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.api.ChatRequestValidator;
import dev.gantry.core.api.Json;
import dev.gantry.core.security.Principal;
import dev.gantry.core.tokens.TokenCounter;
import dev.gantry.gateway.pipeline.ActiveConfig;
import dev.gantry.gateway.security.Access;
import dev.gantry.gateway.security.Endpoint;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.function.Supplier;

/**
 * {@code POST /v1/messages} and {@code POST /v1/messages/count_tokens}: the Anthropic Messages API.
 * A request is turned into the canonical chat request and run through the same pipeline as chat;
 * {@link MessagesApi} renders the answer and errors in Anthropic's shape. Token counts are Gantry's
 * own ({@code o200k_base}), an estimate of what the upstream will count. Shared; stateless.
 */
final class MessagesHandler {
  static final String PATH = "/v1/messages";
  static final String COUNT_PATH = "/v1/messages/count_tokens";

  private final ChatHandler chat;
  private final Supplier<ActiveConfig> active;
  private final TokenCounter tokens = TokenCounter.defaultCounter();

  MessagesHandler(ChatHandler chat, Supplier<ActiveConfig> active) {
    this.chat = chat;
    this.active = active;
  }

  /**
   * @param trail the request's audit record, or null when the audit log is off
   */
  void create(
      HttpServerRequest request,
      ObjectNode body,
      String requestId,
      long start,
      Principal principal,
      dev.gantry.gateway.security.AuditTrail trail) {
    ObjectNode converted = MessagesRequest.toChat(body, false);
    ChatRequest canonical = ChatRequestValidator.validate(converted);
    MessagesApi api =
        new MessagesApi(canonical.model(), canonical.stream() ? count(converted) : 0, body);
    chat.handle(request, canonical, converted, requestId, start, principal, api, trail);
  }

  void countTokens(HttpServerResponse response, ObjectNode body, Principal principal) {
    ObjectNode converted = MessagesRequest.toChat(body, true);
    ChatRequest canonical = ChatRequestValidator.validate(converted);
    ApiError denied = Access.check(principal, Endpoint.MESSAGES, canonical.model(), null);
    if (denied != null) {
      AnthropicErrors.write(response, denied);
      return;
    }
    if (!active.get().config().routes().containsKey(canonical.model())) {
      AnthropicErrors.write(response, ApiError.modelNotFound(canonical.model()));
      return;
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("input_tokens", count(converted));
    Responses.json(response, 200, out);
  }

  /** Tokens of every message's text and tool calls, plus the tool definitions. */
  long count(ObjectNode chat) {
    long total = 0;
    for (JsonNode message : chat.path("messages")) {
      total += 3 + tokens.count(ResponsesRequest.text(message.get("content")));
      for (JsonNode call : message.path("tool_calls")) {
        total += tokens.count(call.path("function").path("name").asText());
        total += tokens.count(call.path("function").path("arguments").asText());
      }
    }
    JsonNode tools = chat.get("tools");
    if (tools != null) {
      total += tokens.count(Json.toString(tools));
    }
    return total;
  }
}
