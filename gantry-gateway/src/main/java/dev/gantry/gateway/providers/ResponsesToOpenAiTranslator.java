package dev.gantry.gateway.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.api.Json;
import dev.gantry.core.api.Usage;
import dev.gantry.core.config.ProviderConfig;
import dev.gantry.core.config.ProviderType;
import dev.gantry.core.pipeline.PassthroughSink;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * OpenAI Responses in, OpenAI (or Azure OpenAI) Responses out: the client's body goes up as sent,
 * with the model replaced and the stored conversation already written into {@code input} (Gantry
 * keeps the state, so the upstream is asked not to store). The answer is read into the canonical
 * completion for the stages: message text, function calls, reasoning summaries, status and usage; a
 * stream's semantic events into canonical chunks. One per attempt (holds the body).
 */
final class ResponsesToOpenAiTranslator implements NativeTranslator {
  private final ObjectNode body;

  ResponsesToOpenAiTranslator(ObjectNode body) {
    this.body = body;
  }

  @Override
  public UpstreamRequest request(ChatRequest original, ProviderConfig provider, String model) {
    ObjectNode out = body.deepCopy();
    out.put("model", model);
    out.put("stream", original.stream());
    Map<String, String> headers = new LinkedHashMap<>(provider.headers());
    String uri;
    if (provider.type() == ProviderType.AZURE) {
      headers.putAll(OpenAiToAzureTranslator.headers(provider));
      uri =
          provider.baseUrl()
              + "/openai/responses?api-version="
              + URLEncoder.encode(provider.apiVersion(), StandardCharsets.UTF_8);
    } else {
      if (provider.apiKey() != null) {
        headers.put("authorization", "Bearer " + provider.apiKey().reveal());
      }
      uri = provider.baseUrl() + "/responses";
    }
    return new UpstreamRequest(uri, headers, Json.toBytes(out));
  }

  @Override
  public ObjectNode response(byte[] answer, ChatRequest original) {
    JsonNode node = Json.tryParse(answer);
    if (!(node instanceof ObjectNode r) || !r.path("output").isArray()) {
      throw new UpstreamFailure(
          ApiError.upstream(
              502,
              "The upstream returned a body that is not a response.",
              "upstream_invalid_response"));
    }
    ObjectNode completion = Json.MAPPER.createObjectNode();
    completion.put("id", "chatcmpl-" + r.path("id").asText());
    completion.put("object", "chat.completion");
    completion.put("created", r.path("created_at").asLong());
    completion.put("model", r.path("model").asText(original.model()));
    ObjectNode choice = completion.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    ArrayNode calls = Json.MAPPER.createArrayNode();
    for (JsonNode item : r.path("output")) {
      switch (item.path("type").asText()) {
        case "message" -> {
          for (JsonNode part : item.path("content")) {
            text.append(part.path("text").asText(part.path("refusal").asText("")));
          }
        }
        case "function_call" -> {
          ObjectNode call = calls.addObject();
          call.put("id", item.path("call_id").asText());
          call.put("type", "function");
          call.putObject("function")
              .put("name", item.path("name").asText())
              .put("arguments", item.path("arguments").asText());
        }
        case "reasoning" ->
            item.path("summary").forEach(s -> reasoning.append(s.path("text").asText()));
        default -> {}
      }
    }
    message.put("content", text.toString());
    if (reasoning.length() > 0) {
      message.put("reasoning_content", reasoning.toString());
    }
    if (!calls.isEmpty()) {
      message.set("tool_calls", calls);
    }
    choice.putNull("logprobs");
    choice.put("finish_reason", finish(r, !calls.isEmpty()));
    completion.set("usage", usage(r.get("usage")));
    return completion;
  }

  static String finish(JsonNode response, boolean called) {
    if ("incomplete".equals(response.path("status").asText())) {
      return "content_filter".equals(response.path("incomplete_details").path("reason").asText())
          ? "content_filter"
          : "length";
    }
    return called ? "tool_calls" : "stop";
  }

  static ObjectNode usage(JsonNode u) {
    ObjectNode usage = Json.MAPPER.createObjectNode();
    long input = u == null ? 0 : u.path("input_tokens").asLong(0);
    long output = u == null ? 0 : u.path("output_tokens").asLong(0);
    usage.put("prompt_tokens", input);
    usage.put("completion_tokens", output);
    usage.put("total_tokens", input + output);
    usage
        .putObject("prompt_tokens_details")
        .put(
            "cached_tokens",
            u == null ? 0 : u.path("input_tokens_details").path("cached_tokens").asLong(0));
    usage
        .putObject("completion_tokens_details")
        .put(
            "reasoning_tokens",
            u == null ? 0 : u.path("output_tokens_details").path("reasoning_tokens").asLong(0));
    return usage;
  }

  @Override
  public StreamTranslator stream(ChatRequest original) {
    return new Stream(original, null);
  }

  @Override
  public StreamTranslator passthrough(ChatRequest original, PassthroughSink sink) {
    return new Stream(original, sink);
  }

  @Override
  public ApiError error(int status, byte[] answer) {
    return OpenAiToOpenAiTranslator.openAiError(status, answer);
  }

  /** Semantic events to canonical chunks; with a sink, each event also goes on unchanged. */
  private static final class Stream implements StreamTranslator {
    private final ChatRequest original;
    private final PassthroughSink sink;
    private final Map<String, Integer> calls = new HashMap<>();
    private boolean finished;
    private Usage usage;
    private String id = "chatcmpl-response";

    Stream(ChatRequest original, PassthroughSink sink) {
      this.original = original;
      this.sink = sink;
    }

    @Override
    public void onEvent(String event, String data, Consumer<ObjectNode> chunks) {
      // Passing through, the canonical chunks are only read here (usage, end), not sent.
      Consumer<ObjectNode> out = sink == null ? chunks : chunk -> {};
      JsonNode e = Json.tryParse(data.getBytes(StandardCharsets.UTF_8));
      if (e == null) {
        throw new UpstreamFailure(
            ApiError.upstream(
                502,
                "The upstream sent a stream event that is not JSON.",
                "upstream_invalid_response"));
      }
      String type = e.path("type").asText(event == null ? "" : event);
      switch (type) {
        case "error" ->
            throw new UpstreamFailure(
                UpstreamErrors.map(
                    500, e.path("message").asText(null), e.path("code").asText(null)));
        case "response.failed" -> {
          JsonNode error = e.path("response").path("error");
          throw new UpstreamFailure(
              UpstreamErrors.map(
                  500, error.path("message").asText(null), error.path("code").asText(null)));
        }
        case "response.created" -> {
          id = "chatcmpl-" + e.path("response").path("id").asText();
          out.accept(chunk(d -> d.put("role", "assistant"), null));
        }
        case "response.output_text.delta" ->
            out.accept(chunk(d -> d.put("content", e.path("delta").asText()), null));
        case "response.reasoning_summary_text.delta" ->
            out.accept(chunk(d -> d.put("reasoning_content", e.path("delta").asText()), null));
        case "response.output_item.added" -> {
          JsonNode item = e.path("item");
          if ("function_call".equals(item.path("type").asText())) {
            int index = calls.size();
            calls.put(item.path("id").asText(), index);
            out.accept(
                chunk(
                    d -> {
                      ObjectNode call = d.putArray("tool_calls").addObject();
                      call.put("index", index).put("id", item.path("call_id").asText());
                      call.put("type", "function");
                      call.putObject("function")
                          .put("name", item.path("name").asText())
                          .put("arguments", "");
                    },
                    null));
          }
        }
        case "response.function_call_arguments.delta" -> {
          Integer index = calls.get(e.path("item_id").asText());
          if (index != null) {
            out.accept(
                chunk(
                    d -> {
                      ObjectNode call = d.putArray("tool_calls").addObject();
                      call.put("index", index);
                      call.putObject("function").put("arguments", e.path("delta").asText());
                    },
                    null));
          }
        }
        case "response.completed", "response.incomplete" -> {
          finished = true;
          JsonNode r = e.path("response");
          out.accept(chunk(d -> {}, finish(r, !calls.isEmpty())));
          ObjectNode u = ResponsesToOpenAiTranslator.usage(r.get("usage"));
          usage = Usage.fromOpenAi(u);
          if (original.includeUsage()) {
            out.accept(Chunks.usage(id, 0, original.model(), u));
          }
        }
        default -> {}
      }
      if (sink != null) {
        sink.forward(type, data);
      }
    }

    private ObjectNode chunk(Consumer<ObjectNode> fill, String finish) {
      return Chunks.delta(id, 0, original.model(), fill, finish);
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
