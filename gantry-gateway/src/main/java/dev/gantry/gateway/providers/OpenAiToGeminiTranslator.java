package dev.gantry.gateway.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.api.Json;
import dev.gantry.core.api.Usage;
import dev.gantry.core.config.ProviderConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * OpenAI chat completions in, Google Gemini's Generative Language API out ({@code
 * v1beta/models/<model>:generateContent}, streams from {@code :streamGenerateContent?alt=sse}), and
 * back; the key goes in {@code x-goog-api-key}. Request mapping in {@link OpenAiToGeminiRequest},
 * answers read by {@link GeminiAnswers}. Errors {@code {"error":{"code","message","status"}}} keep
 * the upstream's status under the usual rules. Stateless, shared and thread-safe.
 */
public final class OpenAiToGeminiTranslator implements ChatTranslator {
  private final Clock clock;

  public OpenAiToGeminiTranslator() {
    this(Clock.systemUTC());
  }

  OpenAiToGeminiTranslator(Clock clock) {
    this.clock = clock;
  }

  @Override
  public UpstreamRequest request(ChatRequest original, ProviderConfig provider, String model) {
    Map<String, String> headers = new LinkedHashMap<>(provider.headers());
    if (provider.apiKey() != null) {
      headers.put("x-goog-api-key", provider.apiKey().reveal());
    }
    String path =
        "/v1beta/models/"
            + URLEncoder.encode(model, StandardCharsets.UTF_8)
            + (original.stream() ? ":streamGenerateContent?alt=sse" : ":generateContent");
    return new UpstreamRequest(
        provider.baseUrl() + path, headers, Json.toBytes(OpenAiToGeminiRequest.body(original)));
  }

  @Override
  public ObjectNode response(byte[] body, ChatRequest original) {
    JsonNode node = Json.tryParse(body);
    if (!(node instanceof ObjectNode answer)) {
      throw new UpstreamFailure(
          ApiError.upstream(
              502, "Gemini returned a body that is not JSON.", "upstream_invalid_response"));
    }
    ObjectNode completion = Json.MAPPER.createObjectNode();
    completion.put("id", "chatcmpl-" + answer.path("responseId").asText("gemini"));
    completion.put("object", "chat.completion");
    completion.put("created", clock.instant().getEpochSecond());
    completion.put("model", answer.path("modelVersion").asText(original.model()));
    var choices = completion.putArray("choices");
    int[] calls = {0};
    for (JsonNode candidate : answer.path("candidates")) {
      ObjectNode choice = choices.addObject();
      choice.put("index", candidate.path("index").asInt(choices.size() - 1));
      ObjectNode message = choice.putObject("message");
      message.put("role", "assistant");
      boolean called =
          GeminiAnswers.parts(candidate.path("content").path("parts"), message, false, calls);
      choice.putNull("logprobs");
      choice.put(
          "finish_reason",
          GeminiAnswers.finish(candidate.path("finishReason").asText("STOP"), called));
    }
    if (choices.isEmpty()) {
      // The prompt itself was blocked (promptFeedback.blockReason).
      ObjectNode choice = choices.addObject();
      choice.put("index", 0);
      choice.putObject("message").put("role", "assistant").put("content", "");
      choice.putNull("logprobs");
      choice.put("finish_reason", "content_filter");
    }
    ObjectNode usage = GeminiAnswers.usage(answer.get("usageMetadata"));
    if (usage != null) {
      completion.set("usage", usage);
    }
    return completion;
  }

  @Override
  public StreamTranslator stream(ChatRequest original) {
    return new Stream(clock.instant().getEpochSecond(), original);
  }

  @Override
  public ApiError error(int status, byte[] body) {
    JsonNode node = Json.tryParse(body);
    JsonNode error = node == null ? null : node.get("error");
    if (error != null && error.isObject()) {
      return UpstreamErrors.map(
          status, error.path("message").asText(null), error.path("status").asText(null));
    }
    return UpstreamErrors.map(status, null, null);
  }

  /** Gemini's stream: each event a partial {@code GenerateContentResponse}; no end marker. */
  private static final class Stream implements StreamTranslator {
    private final long created;
    private final ChatRequest original;
    private final int[] calls = {0};
    private boolean started;
    private boolean finished;
    private boolean called;
    private Usage usage;

    Stream(long created, ChatRequest original) {
      this.created = created;
      this.original = original;
    }

    @Override
    public void onEvent(String event, String data, Consumer<ObjectNode> out) {
      JsonNode node = Json.tryParse(data.getBytes(StandardCharsets.UTF_8));
      if (!(node instanceof ObjectNode answer)) {
        throw new UpstreamFailure(
            ApiError.upstream(
                502, "Gemini sent a stream event that is not JSON.", "upstream_invalid_response"));
      }
      if (answer.has("error")) {
        JsonNode e = answer.get("error");
        throw new UpstreamFailure(
            UpstreamErrors.map(
                Math.max(500, e.path("code").asInt(500)),
                e.path("message").asText(null),
                e.path("status").asText(null)));
      }
      String id = "chatcmpl-" + answer.path("responseId").asText("gemini");
      JsonNode candidate = answer.path("candidates").path(0);
      ObjectNode chunk = chunk(id);
      ObjectNode choice = chunk.putArray("choices").addObject();
      choice.put("index", 0);
      ObjectNode delta = choice.putObject("delta");
      if (!started) {
        started = true;
        delta.put("role", "assistant");
      }
      called |= GeminiAnswers.parts(candidate.path("content").path("parts"), delta, true, calls);
      choice.putNull("logprobs");
      String finish =
          GeminiAnswers.finish(
              candidate.path("finishReason").isTextual()
                  ? candidate.get("finishReason").asText()
                  : null,
              called);
      if (finish == null && answer.path("promptFeedback").has("blockReason")) {
        finish = "content_filter";
      }
      if (finish == null) {
        choice.putNull("finish_reason");
      } else {
        choice.put("finish_reason", finish);
        finished = true;
      }
      out.accept(chunk);
      ObjectNode u = GeminiAnswers.usage(answer.get("usageMetadata"));
      if (u != null) {
        usage = Usage.fromOpenAi(u);
        if (finished && original.includeUsage()) {
          ObjectNode usageChunk = chunk(id);
          usageChunk.putArray("choices");
          usageChunk.set("usage", u);
          out.accept(usageChunk);
        }
      }
    }

    private ObjectNode chunk(String id) {
      return Chunks.base(id, created, original.model());
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
