package dev.gantry.gateway.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * OpenAI chat completions in, AWS Bedrock's Converse API out ({@code /model/<id>/converse}, streams
 * from {@code /model/<id>/converse-stream} in the AWS event-stream framing), and back. Every
 * attempt is signed afresh with SigV4 ({@link AwsSigner}). Request mapping in {@link
 * OpenAiToBedrockRequest}. Stateless, shared and thread-safe.
 */
public final class OpenAiToBedrockTranslator implements ChatTranslator {
  private final Clock clock;

  public OpenAiToBedrockTranslator() {
    this(Clock.systemUTC());
  }

  OpenAiToBedrockTranslator(Clock clock) {
    this.clock = clock;
  }

  @Override
  public UpstreamRequest request(ChatRequest original, ProviderConfig provider, String model) {
    byte[] body = Json.toBytes(OpenAiToBedrockRequest.body(original));
    String uri =
        provider.baseUrl()
            + "/model/"
            + URLEncoder.encode(model, StandardCharsets.UTF_8).replace("+", "%20")
            + (original.stream() ? "/converse-stream" : "/converse");
    Map<String, String> headers = new LinkedHashMap<>(provider.headers());
    headers.put("content-type", "application/json");
    return new UpstreamRequest(
        uri, AwsSigner.sign(uri, headers, body, "bedrock", provider.region()), body);
  }

  @Override
  public ObjectNode response(byte[] body, ChatRequest original) {
    JsonNode node = Json.tryParse(body);
    if (!(node instanceof ObjectNode answer) || !answer.path("output").isObject()) {
      throw new UpstreamFailure(
          ApiError.upstream(
              502,
              "Bedrock returned a body that is not a Converse answer.",
              "upstream_invalid_response"));
    }
    ObjectNode completion = Json.MAPPER.createObjectNode();
    completion.put("id", "chatcmpl-bedrock-" + Long.toHexString(clock.millis()));
    completion.put("object", "chat.completion");
    completion.put("created", clock.instant().getEpochSecond());
    completion.put("model", original.model());
    ObjectNode choice = completion.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    ArrayNode calls = null;
    for (JsonNode block : answer.path("output").path("message").path("content")) {
      if (block.path("text").isTextual()) {
        text.append(block.get("text").asText());
      } else if (block.has("toolUse")) {
        JsonNode use = block.get("toolUse");
        if (calls == null) {
          calls = Json.MAPPER.createArrayNode();
        }
        ObjectNode call = calls.addObject();
        call.put("id", use.path("toolUseId").asText());
        call.put("type", "function");
        call.putObject("function")
            .put("name", use.path("name").asText())
            .put(
                "arguments",
                Json.toString(
                    use.has("input") ? use.get("input") : Json.MAPPER.createObjectNode()));
      } else if (block.has("reasoningContent")) {
        reasoning.append(
            block.path("reasoningContent").path("reasoningText").path("text").asText(""));
      }
    }
    if (text.length() == 0 && calls != null) {
      message.putNull("content");
    } else {
      message.put("content", text.toString());
    }
    if (reasoning.length() > 0) {
      message.put("reasoning_content", reasoning.toString());
    }
    if (calls != null) {
      message.set("tool_calls", calls);
    }
    choice.putNull("logprobs");
    choice.put("finish_reason", finish(answer.path("stopReason").asText("end_turn")));
    completion.set("usage", usage(answer.get("usage")));
    return completion;
  }

  static String finish(String stopReason) {
    return switch (stopReason.toLowerCase(Locale.ROOT)) {
      case "tool_use" -> "tool_calls";
      case "max_tokens", "model_context_window_exceeded" -> "length";
      case "guardrail_intervened", "content_filtered" -> "content_filter";
      default -> "stop";
    };
  }

  static ObjectNode usage(JsonNode u) {
    ObjectNode usage = Json.MAPPER.createObjectNode();
    long cacheRead = u == null ? 0 : u.path("cacheReadInputTokens").asLong(0);
    long cacheWrite = u == null ? 0 : u.path("cacheWriteInputTokens").asLong(0);
    long prompt = (u == null ? 0 : u.path("inputTokens").asLong(0)) + cacheRead + cacheWrite;
    long completion = u == null ? 0 : u.path("outputTokens").asLong(0);
    usage.put("prompt_tokens", prompt);
    usage.put("completion_tokens", completion);
    usage.put("total_tokens", prompt + completion);
    usage
        .putObject("prompt_tokens_details")
        .put("cached_tokens", cacheRead)
        .put("cache_creation_tokens", cacheWrite);
    return usage;
  }

  @Override
  public StreamTranslator stream(ChatRequest original) {
    return new Stream(
        "chatcmpl-bedrock-" + Long.toHexString(clock.millis()),
        clock.instant().getEpochSecond(),
        original);
  }

  @Override
  public FrameParser frames(SseParser.Listener listener) {
    return new AwsEventStreamParser(listener);
  }

  @Override
  public ApiError error(int status, byte[] body) {
    JsonNode node = Json.tryParse(body);
    String message =
        node == null ? null : node.path("message").asText(node.path("Message").asText(null));
    return UpstreamErrors.map(status, message, null);
  }

  /** ConverseStream events to chat chunks. */
  private static final class Stream implements StreamTranslator {
    private final String id;
    private final long created;
    private final ChatRequest original;
    private final Map<Integer, Integer> toolIndexes = new LinkedHashMap<>();
    private boolean finished;
    private Usage usage;

    Stream(String id, long created, ChatRequest original) {
      this.id = id;
      this.created = created;
      this.original = original;
    }

    @Override
    public void onEvent(String event, String data, Consumer<ObjectNode> out) {
      JsonNode node = Json.tryParse(data.getBytes(StandardCharsets.UTF_8));
      if (event != null && event.startsWith(AwsEventStreamParser.EXCEPTION)) {
        String type = event.substring(AwsEventStreamParser.EXCEPTION.length());
        throw new UpstreamFailure(
            UpstreamErrors.map(
                status(type), node == null ? null : node.path("message").asText(null), type));
      }
      if (node == null) {
        throw new UpstreamFailure(
            ApiError.upstream(
                502, "Bedrock sent a stream event that is not JSON.", "upstream_invalid_response"));
      }
      switch (event == null ? "" : event) {
        case "messageStart" -> out.accept(chunk(delta -> delta.put("role", "assistant"), null));
        case "contentBlockStart" -> {
          JsonNode use = node.path("start").path("toolUse");
          if (use.isObject()) {
            int index = toolIndexes.size();
            toolIndexes.put(node.path("contentBlockIndex").asInt(), index);
            out.accept(
                chunk(
                    delta -> {
                      ObjectNode call = delta.putArray("tool_calls").addObject();
                      call.put("index", index);
                      call.put("id", use.path("toolUseId").asText());
                      call.put("type", "function");
                      call.putObject("function")
                          .put("name", use.path("name").asText())
                          .put("arguments", "");
                    },
                    null));
          }
        }
        case "contentBlockDelta" -> {
          JsonNode d = node.path("delta");
          if (d.path("text").isTextual()) {
            out.accept(chunk(delta -> delta.put("content", d.get("text").asText()), null));
          } else if (d.has("toolUse")) {
            Integer index = toolIndexes.get(node.path("contentBlockIndex").asInt());
            if (index != null) {
              out.accept(
                  chunk(
                      delta -> {
                        ObjectNode call = delta.putArray("tool_calls").addObject();
                        call.put("index", index);
                        call.putObject("function")
                            .put("arguments", d.path("toolUse").path("input").asText(""));
                      },
                      null));
            }
          } else if (d.has("reasoningContent")
              && d.path("reasoningContent").path("text").isTextual()) {
            out.accept(
                chunk(
                    delta ->
                        delta.put(
                            "reasoning_content", d.path("reasoningContent").path("text").asText()),
                    null));
          }
        }
        case "messageStop" -> {
          finished = true;
          out.accept(chunk(delta -> {}, finish(node.path("stopReason").asText("end_turn"))));
        }
        case "metadata" -> {
          ObjectNode u = OpenAiToBedrockTranslator.usage(node.get("usage"));
          usage = Usage.fromOpenAi(u);
          if (original.includeUsage()) {
            out.accept(Chunks.usage(id, created, original.model(), u));
          }
        }
        default -> {}
      }
    }

    private static int status(String exception) {
      String e = exception == null ? "" : exception.toLowerCase(Locale.ROOT);
      if (e.startsWith("throttling")) {
        return 429;
      }
      if (e.startsWith("serviceunavailable")) {
        return 503;
      }
      if (e.startsWith("validation")) {
        return 400;
      }
      return 502;
    }

    private ObjectNode chunk(Consumer<ObjectNode> fill, String finish) {
      return Chunks.delta(id, created, original.model(), fill, finish);
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
