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
 * {@code POST /v1/completions}, the legacy text completions API. Each prompt becomes one user
 * message of the canonical chat request the stages read (guardrails, retrieval, audit). A
 * deployment whose provider says {@code completions: native} gets the client's body itself (see
 * {@code providers.CompletionsToOpenAiTranslator}) and the client gets the upstream's own answer or
 * chunks; any other deployment is served through chat, and its answer goes back as {@code
 * text_completion} choices (streamed as {@code text_completion} chunks ending in {@code [DONE]}),
 * with {@code max_tokens} defaulting to 16 as in the API. What only the native API can do ({@code
 * echo}, {@code suffix}, {@code best_of} above 1, several prompts) is accepted when every
 * deployment of the route is native, and refused with a 400 naming the field otherwise; token-array
 * prompts are always refused (guardrails read text). Shared; stateless.
 */
final class CompletionsHandler {
  static final String PATH = "/v1/completions";
  static final int DEFAULT_MAX_TOKENS = 16;

  /** Choices one request may ask for (as for {@code n} of a chat request). */
  static final int MAX_CHOICES = 128;

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
  private final java.util.function.Supplier<dev.gantry.gateway.pipeline.ActiveConfig> active;

  CompletionsHandler(
      ChatHandler chat,
      java.util.function.Supplier<dev.gantry.gateway.pipeline.ActiveConfig> active) {
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
    String model = ResponsesRequest.requiredString(body, "model");
    ObjectNode converted = toChat(body, servedNatively(model));
    chat.handle(
        request,
        ChatRequestValidator.validate(converted),
        body,
        requestId,
        start,
        principal,
        new Api(model, body),
        trail);
  }

  /**
   * True when every deployment of the route serves legacy completions natively, or the route is
   * unknown (the pipeline answers that with a 404 naming the model).
   */
  private boolean servedNatively(String model) {
    dev.gantry.core.config.GantryConfig config = active.get().config();
    dev.gantry.core.config.RouteConfig route = config.routes().get(model);
    if (route == null) {
      return true;
    }
    for (dev.gantry.core.config.DeploymentConfig d : route.deployments()) {
      dev.gantry.core.config.ProviderConfig p = config.providers().get(d.provider());
      if (p == null || !p.nativeCompletions()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The canonical chat request: one user message per prompt.
   *
   * @param nativeOnly whether what only the native API can do may be asked for
   */
  static ObjectNode toChat(ObjectNode body, boolean nativeOnly) {
    ResponsesRequest.requiredString(body, "model");
    JsonNode prompt = body.get("prompt");
    java.util.List<String> prompts = new java.util.ArrayList<>();
    if (prompt == null || prompt.isNull()) {
      throw invalid("Missing required parameter: 'prompt'.", "prompt");
    } else if (prompt.isTextual()) {
      prompts.add(prompt.asText());
    } else if (prompt.isArray() && !prompt.isEmpty()) {
      for (JsonNode p : prompt) {
        if (!p.isTextual()) {
          throw invalid(
              "'prompt' must be a string or an array of strings; token arrays are not supported"
                  + " by this gateway.",
              "prompt");
        }
        prompts.add(p.asText());
      }
    } else {
      throw invalid("'prompt' must be a string or a non-empty array of strings.", "prompt");
    }
    if (prompts.size() > 1) {
      nativeOnly(nativeOnly, "several prompts per request are", "prompt");
    }
    if (body.path("echo").asBoolean(false)) {
      nativeOnly(nativeOnly, "'echo' is", "echo");
    }
    JsonNode suffix = body.get("suffix");
    if (suffix != null && !suffix.isNull()) {
      nativeOnly(nativeOnly, "'suffix' is", "suffix");
    }
    if (body.path("best_of").asInt(1) > 1) {
      nativeOnly(nativeOnly, "'best_of' above 1 is", "best_of");
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
    ArrayNode messages = chat.putArray("messages");
    prompts.forEach(p -> messages.addObject().put("role", "user").put("content", p));
    JsonNode n = body.get("n");
    boolean plainN = n == null || n.isNull() || n.isIntegralNumber() && n.canConvertToInt();
    if (prompts.size() > 1 && plainN) {
      // Stages (output checks, budgets) see every choice the upstream will return.
      long choices = (long) (n == null || n.isNull() ? 1 : n.asInt()) * prompts.size();
      if (choices > MAX_CHOICES) {
        throw invalid(
            "'n' times the number of prompts is "
                + choices
                + "; at most "
                + MAX_CHOICES
                + " choices are allowed per request.",
            "n");
      }
      chat.put("n", choices);
    }
    if (body.path("stream").asBoolean(false)) {
      chat.putObject("stream_options")
          .put("include_usage", body.path("stream_options").path("include_usage").asBoolean());
    }
    return chat;
  }

  private static void nativeOnly(boolean allowed, String what, String param) {
    if (!allowed) {
      throw invalid(
          what
              + " supported only when every deployment of the route serves legacy completions"
              + " natively (provider setting completions: native).",
          param);
    }
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

  /**
   * Renders canonical answers and chunks as {@code text_completion}s, or passes a native upstream's
   * own on (named by the client's model); errors stay OpenAI's.
   */
  private static final class Api implements InboundApi {
    private final String model;
    private final ObjectNode body;
    private final String id = OpaqueIds.next("cmpl-");

    Api(String model, ObjectNode body) {
      this.model = model;
      this.body = body;
    }

    @Override
    public void prepare(Exchange exchange) {
      exchange.nativeRequest(
          new dev.gantry.core.pipeline.NativeRequest(
              dev.gantry.core.pipeline.NativeRequest.OPENAI_COMPLETIONS, body));
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
      ObjectNode upstream = exchange.nativeResponseFor(completion);
      Responses.json(
          response,
          200,
          upstream != null
              ? upstream.deepCopy().put("model", model)
              : textCompletion(completion, id, model, false));
    }

    @Override
    public ChunkSink stream(
        HttpServerResponse response,
        Exchange exchange,
        Runnable beforeFirstByte,
        Consumer<ApiError> plainError) {
      SseChunkSink sse = new SseChunkSink(response, beforeFirstByte, plainError);
      return new Sink(sse);
    }

    /**
     * Canonical chunks as {@code text_completion} chunks; a native upstream's own chunks as they
     * came.
     */
    private final class Sink extends dev.gantry.gateway.guard.ForwardingSinkBase
        implements dev.gantry.core.pipeline.PassthroughSink {
      Sink(SseChunkSink sse) {
        super(sse);
      }

      @Override
      public dev.gantry.core.pipeline.PassthroughSink passthrough() {
        return this;
      }

      @Override
      public void forward(String event, String data) {
        JsonNode chunk = Json.tryParse(data.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (chunk instanceof ObjectNode o) {
          next.send(o.put("model", model));
        }
      }

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
    }
  }
}
