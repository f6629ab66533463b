package dev.gantry.gateway.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ChatMessage;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.api.Json;
import dev.gantry.core.api.Usage;
import dev.gantry.core.config.ProviderConfig;
import dev.gantry.core.config.ProviderType;
import dev.gantry.core.pipeline.PassthroughSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Legacy completions in, legacy completions out, for an OpenAI, Azure OpenAI or OpenAI-compatible
 * upstream configured with {@code completions: native}: the client's body goes up as sent (unknown
 * fields, {@code echo}, {@code suffix}, {@code best_of} and several prompts included) with the
 * model replaced. When a stage rewrote the request (PII redaction, retrieved context), the prompts
 * are written anew from the canonical request's messages, so the upstream sees what the stages
 * changed. The answer is read into the canonical completion (one choice per {@code text_completion}
 * choice); streams always ask for usage so the gateway can meter them, and the usage chunk reaches
 * the client only when it asked for one. One per attempt (holds the body).
 */
final class CompletionsToOpenAiTranslator implements NativeTranslator {
  private final ObjectNode body;
  private final boolean rewritten;

  /**
   * @param body the client's completions body
   * @param rewritten a stage changed the canonical request; prompts are taken from it
   */
  CompletionsToOpenAiTranslator(ObjectNode body, boolean rewritten) {
    this.body = body;
    this.rewritten = rewritten;
  }

  @Override
  public UpstreamRequest request(ChatRequest request, ProviderConfig provider, String model) {
    ObjectNode out = body.deepCopy();
    out.put("model", model);
    if (rewritten) {
      out.set("prompt", prompts(request, body.get("prompt")));
      // A stage may also have lowered the output limit (a cost cap).
      long limit = limit(request.json());
      long asked = limit(out);
      if (limit > 0 && (asked == 0 || asked > limit)) {
        out.put("max_tokens", limit);
      }
    }
    if (request.stream()) {
      JsonNode options = out.get("stream_options");
      ObjectNode streamOptions =
          options instanceof ObjectNode o ? o : out.putObject("stream_options");
      streamOptions.put("include_usage", true);
    }
    if (provider.preset() != null) {
      OpenAiToOpenAiTranslator.adapt(out, provider.preset());
    }
    if (provider.type() == ProviderType.AZURE) {
      return new UpstreamRequest(
          OpenAiToAzureTranslator.url(provider, model, "completions"),
          OpenAiToAzureTranslator.headers(provider),
          Json.toBytes(out));
    }
    Map<String, String> headers = new LinkedHashMap<>(provider.headers());
    if (provider.apiKey() != null) {
      headers.put("authorization", "Bearer " + provider.apiKey().reveal());
    }
    return new UpstreamRequest(provider.baseUrl() + "/completions", headers, Json.toBytes(out));
  }

  /** The smallest positive output limit a body sets, or 0 when it sets none. */
  private static long limit(JsonNode body) {
    long out = 0;
    for (String field : new String[] {"max_tokens", "max_completion_tokens"}) {
      JsonNode n = body.get(field);
      if (n != null && n.canConvertToLong() && n.asLong() > 0) {
        out = out == 0 ? n.asLong() : Math.min(out, n.asLong());
      }
    }
    return out;
  }

  /**
   * The prompts of a rewritten request: one per user message, each after the system text the stages
   * added (retrieved context, planted canary), in the shape the client sent.
   */
  static JsonNode prompts(ChatRequest request, JsonNode sent) {
    StringBuilder system = new StringBuilder();
    List<String> users = new ArrayList<>();
    for (ChatMessage m : request.messages()) {
      if (m.role().equals("user")) {
        users.add(m.text());
      } else if (m.role().equals("system") || m.role().equals("developer")) {
        system.append(m.text()).append("\n\n");
      }
    }
    if (sent != null && sent.isTextual() && users.size() == 1) {
      return Json.MAPPER.getNodeFactory().textNode(system + users.get(0));
    }
    ArrayNode out = Json.MAPPER.createArrayNode();
    users.forEach(u -> out.add(system + u));
    return out;
  }

  @Override
  public ObjectNode response(byte[] answer, ChatRequest request) {
    JsonNode node = Json.tryParse(answer);
    if (!(node instanceof ObjectNode c) || !c.path("choices").isArray()) {
      throw new UpstreamFailure(
          ApiError.upstream(
              502,
              "The upstream returned a body that is not a text completion.",
              "upstream_invalid_response"));
    }
    ObjectNode completion = Json.MAPPER.createObjectNode();
    completion.set("id", c.get("id"));
    completion.put("object", "chat.completion");
    completion.set("created", c.get("created"));
    completion.put("model", c.path("model").asText(request.model()));
    ArrayNode choices = completion.putArray("choices");
    for (JsonNode choice : c.get("choices")) {
      ObjectNode out = choices.addObject();
      out.put("index", choice.path("index").asInt(choices.size() - 1));
      out.putObject("message")
          .put("role", "assistant")
          .put("content", choice.path("text").asText(""));
      out.putNull("logprobs");
      out.set(
          "finish_reason",
          choice.path("finish_reason").isTextual()
              ? choice.get("finish_reason")
              : Json.MAPPER.nullNode());
    }
    if (c.path("usage").isObject()) {
      completion.set("usage", c.get("usage"));
    }
    return completion;
  }

  @Override
  public StreamTranslator stream(ChatRequest request) {
    return new Stream(request.includeUsage(), null);
  }

  @Override
  public StreamTranslator passthrough(ChatRequest request, PassthroughSink sink) {
    return new Stream(request.includeUsage(), sink);
  }

  @Override
  public ApiError error(int status, byte[] answer) {
    return OpenAiToOpenAiTranslator.openAiError(status, answer);
  }

  /**
   * {@code text_completion} chunks to canonical chunks; with a sink, each chunk also goes on
   * unchanged (the usage chunk only when the client asked for usage).
   */
  private static final class Stream implements StreamTranslator {
    private final boolean clientWantsUsage;
    private final PassthroughSink sink;
    private boolean finished;
    private Usage usage;

    Stream(boolean clientWantsUsage, PassthroughSink sink) {
      this.clientWantsUsage = clientWantsUsage;
      this.sink = sink;
    }

    @Override
    public void onEvent(String event, String data, Consumer<ObjectNode> out) {
      if ("[DONE]".equals(data.strip())) {
        finished = true;
        return;
      }
      ObjectNode chunk = OpenAiStream.chunk(data);
      JsonNode choices = chunk.path("choices");
      boolean usageOnly = chunk.path("usage").isObject() && choices.isEmpty();
      if (chunk.path("usage").isObject()) {
        usage = Usage.fromOpenAi(chunk.get("usage"));
      }
      if (usageOnly && !clientWantsUsage) {
        return;
      }
      if (sink != null) {
        sink.forward(null, data);
        return;
      }
      ObjectNode canonical =
          Chunks.base(
              chunk.path("id").asText(),
              chunk.path("created").asLong(),
              chunk.path("model").asText());
      ArrayNode list = canonical.putArray("choices");
      for (JsonNode choice : choices) {
        ObjectNode c = list.addObject();
        c.put("index", choice.path("index").asInt(0));
        c.putObject("delta").put("content", choice.path("text").asText(""));
        c.putNull("logprobs");
        c.set(
            "finish_reason",
            choice.path("finish_reason").isTextual()
                ? choice.get("finish_reason")
                : Json.MAPPER.nullNode());
      }
      if (usageOnly) {
        canonical.set("usage", chunk.get("usage"));
      }
      out.accept(canonical);
    }

    @Override
    public boolean finished() {
      return finished;
    }

    @Override
    public Usage usage() {
      return usage;
    }
  }
}
