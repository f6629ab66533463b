package dev.gantry.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ApiException;
import dev.gantry.core.api.ChatRequestValidator;
import dev.gantry.core.api.Json;
import dev.gantry.core.pipeline.ChunkSink;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.security.Principal;
import dev.gantry.gateway.security.Endpoint;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code POST /v1/completions}, the legacy text completions API: the prompt becomes one user
 * message of the canonical chat request, and the answer goes back as {@code text_completion}
 * choices (streamed as {@code text_completion} chunks ending in {@code [DONE]}). {@code max_tokens}
 * defaults to 16 as in the API. {@code echo}, {@code suffix}, {@code best_of} above 1 and several
 * prompts in one request are refused; {@code logprobs} is dropped. Shared; stateless.
 */
final class CompletionsHandler {
  static final String PATH = "/v1/completions";
  static final int DEFAULT_MAX_TOKENS = 16;

  /** Copied to the chat request as they are. */
  private static final Set<String> SAME =
      Set.of(
          "model",
          "max_tokens",
          "temperature",
          "top_p",
          "n",
          "stop",
          "presence_penalty",
          "frequency_penalty",
          "seed",
          "user",
          "logit_bias",
          "stream");

  private final ChatHandler chat;

  CompletionsHandler(ChatHandler chat) {
    this.chat = chat;
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
    ObjectNode converted = toChat(body);
    chat.handle(
        request,
        ChatRequestValidator.validate(converted),
        body,
        requestId,
        start,
        principal,
        new Api(body.path("model").asText()),
        trail);
  }

  static ObjectNode toChat(ObjectNode body) {
    ResponsesRequest.requiredString(body, "model");
    JsonNode prompt = body.get("prompt");
    String text;
    if (prompt == null || prompt.isNull()) {
      throw invalid("Missing required parameter: 'prompt'.", "prompt");
    } else if (prompt.isTextual()) {
      text = prompt.asText();
    } else if (prompt.isArray() && prompt.size() == 1 && prompt.get(0).isTextual()) {
      text = prompt.get(0).asText();
    } else {
      throw invalid(
          "'prompt' must be a string (or an array of one string); token arrays and several"
              + " prompts per request are not supported by this gateway.",
          "prompt");
    }
    if (body.path("echo").asBoolean(false)) {
      throw invalid("'echo' is not supported by this gateway.", "echo");
    }
    JsonNode suffix = body.get("suffix");
    if (suffix != null && !suffix.isNull()) {
      throw invalid("'suffix' is not supported by this gateway.", "suffix");
    }
    if (body.path("best_of").asInt(1) > 1) {
      throw invalid("'best_of' above 1 is not supported by this gateway.", "best_of");
    }
    ObjectNode chat = Json.MAPPER.createObjectNode();
    for (String field : SAME) {
      if (body.has(field)) {
        chat.set(field, body.get(field));
      }
    }
    if (!chat.hasNonNull("max_tokens")) {
      chat.put("max_tokens", DEFAULT_MAX_TOKENS);
    }
    chat.putArray("messages").addObject().put("role", "user").put("content", text);
    if (body.path("stream").asBoolean(false)) {
      chat.putObject("stream_options")
          .put("include_usage", body.path("stream_options").path("include_usage").asBoolean());
    }
    return chat;
  }

  private static ApiException invalid(String message, String param) {
    return new ApiException(ApiError.invalid(message, param, "unsupported_value"));
  }

  /** A chat completion (or chunk) as a {@code text_completion}. */
  static ObjectNode textCompletion(ObjectNode chat, String id, String model, boolean chunk) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("id", id);
    out.put("object", "text_completion");
    out.set("created", chat.get("created"));
    out.put("model", model);
    ArrayNode choices = out.putArray("choices");
    for (JsonNode c : chat.path("choices")) {
      ObjectNode choice = choices.addObject();
      JsonNode source = chunk ? c.path("delta") : c.path("message");
      choice.put("text", source.path("content").asText(""));
      choice.put("index", c.path("index").asInt(0));
      choice.putNull("logprobs");
      choice.set(
          "finish_reason",
          c.path("finish_reason").isTextual() ? c.get("finish_reason") : Json.MAPPER.nullNode());
    }
    if (chat.has("usage")) {
      out.set("usage", chat.get("usage"));
    }
    return out;
  }

  /** Renders canonical answers and chunks as {@code text_completion}s; errors stay OpenAI's. */
  private static final class Api implements InboundApi {
    private final String model;
    private final String id = OpaqueIds.next("cmpl-");

    Api(String model) {
      this.model = model;
    }

    @Override
    public String name() {
      return "completions";
    }

    @Override
    public Endpoint endpoint() {
      return Endpoint.COMPLETIONS;
    }

    @Override
    public void error(HttpServerResponse response, ApiError error) {
      Responses.error(response, error);
    }

    @Override
    public void answer(HttpServerResponse response, Exchange exchange, ObjectNode completion) {
      Responses.json(response, 200, textCompletion(completion, id, model, false));
    }

    @Override
    public ChunkSink stream(
        HttpServerResponse response,
        Exchange exchange,
        Runnable beforeFirstByte,
        Consumer<ApiError> plainError) {
      SseChunkSink sse = new SseChunkSink(response, beforeFirstByte, plainError);
      return new dev.gantry.gateway.guard.ForwardingSinkBase(sse) {
        @Override
        public void send(ObjectNode chunk) {
          JsonNode choice = chunk.path("choices").path(0);
          boolean empty =
              choice.path("delta").path("content").asText("").isEmpty()
                  && !choice.path("finish_reason").isTextual()
                  && !chunk.path("usage").isObject();
          if (!empty) {
            next.send(textCompletion(chunk, id, model, true));
          }
        }
      };
    }
  }
}
