package dev.gantry.gateway.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Converts Anthropic's Messages stream ({@code message_start}, {@code content_block_*}, {@code
 * message_delta}, {@code message_stop}) into OpenAI {@code chat.completion.chunk} objects. Tool-use
 * blocks become {@code tool_calls} entries numbered from 0 in the order they start; thinking and
 * server-tool blocks are not shown. Owned by one attempt; not thread-safe.
 */
final class OpenAiToAnthropicStream implements StreamTranslator {
  private final Clock clock;
  private final boolean includeUsage;
  private final String requestedModel;

  private String id;
  private String model;
  private long created;

  /** Anthropic content-block index → OpenAI tool-call index, for tool_use blocks only. */
  private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();

  /** Anthropic's usage so far: message_start's, updated by message_delta's fields. */
  private final ObjectNode usage = Json.MAPPER.createObjectNode();

  private boolean finished;

  OpenAiToAnthropicStream(Clock clock, boolean includeUsage, String requestedModel) {
    this.clock = clock;
    this.includeUsage = includeUsage;
    this.requestedModel = requestedModel;
  }

  @Override
  public void onEvent(String event, String data, Consumer<ObjectNode> out) {
    if (event != null && !isKnown(event)) {
      return;
    }
    JsonNode root = parse(data);
    String type = event != null ? event : root.path("type").asText();
    switch (type) {
      case "message_start" -> messageStart(root, out);
      case "content_block_start" -> blockStart(root, out);
      case "content_block_delta" -> blockDelta(root, out);
      case "message_delta" -> messageDelta(root, out);
      case "message_stop" -> messageStop(out);
      case "error" -> throw new UpstreamFailure(OpenAiToAnthropicErrors.fromEvent(root));
      default -> {
        // ping, content_block_stop and event types added after this was written
      }
    }
  }

  @Override
  public boolean finished() {
    return finished;
  }

  private static boolean isKnown(String event) {
    return switch (event) {
      case "message_start",
          "content_block_start",
          "content_block_delta",
          "content_block_stop",
          "message_delta",
          "message_stop",
          "ping",
          "error" ->
          true;
      default -> false;
    };
  }

  private void messageStart(JsonNode root, Consumer<ObjectNode> out) {
    JsonNode message = root.path("message");
    JsonNode messageId = message.get("id");
    if (messageId == null || !messageId.isTextual()) {
      throw OpenAiToAnthropicErrors.invalid("message_start without a message id.");
    }
    id = "chatcmpl-" + messageId.asText();
    model = message.path("model").asText(requestedModel);
    created = clock.instant().getEpochSecond();
    merge(message.path("usage"));
    ObjectNode delta = Json.MAPPER.createObjectNode();
    delta.put("role", "assistant");
    delta.put("content", "");
    out.accept(chunk(delta, null));
  }

  private void blockStart(JsonNode root, Consumer<ObjectNode> out) {
    requireStarted();
    JsonNode block = root.path("content_block");
    String type = block.path("type").asText();
    if ("text".equals(type)) {
      String text = block.path("text").asText("");
      if (!text.isEmpty()) {
        out.accept(chunk(Json.MAPPER.createObjectNode().put("content", text), null));
      }
    } else if ("tool_use".equals(type)) {
      int toolIndex = toolIndexByBlock.size();
      toolIndexByBlock.put(root.path("index").asInt(), toolIndex);
      ObjectNode call = Json.MAPPER.createObjectNode();
      call.put("index", toolIndex);
      call.put("id", block.path("id").asText());
      call.put("type", "function");
      ObjectNode fn = call.putObject("function");
      fn.put("name", block.path("name").asText());
      fn.put("arguments", "");
      out.accept(chunk(toolCalls(call), null));
    }
  }

  private void blockDelta(JsonNode root, Consumer<ObjectNode> out) {
    requireStarted();
    JsonNode delta = root.path("delta");
    String type = delta.path("type").asText();
    if ("text_delta".equals(type)) {
      out.accept(
          chunk(Json.MAPPER.createObjectNode().put("content", delta.path("text").asText()), null));
    } else if ("input_json_delta".equals(type)) {
      Integer toolIndex = toolIndexByBlock.get(root.path("index").asInt());
      if (toolIndex == null) {
        return; // input of a server-side tool, which the client does not see
      }
      ObjectNode call = Json.MAPPER.createObjectNode();
      call.put("index", toolIndex);
      call.putObject("function").put("arguments", delta.path("partial_json").asText());
      out.accept(chunk(toolCalls(call), null));
    }
    // thinking_delta, signature_delta, citations_delta: not shown
  }

  private void messageDelta(JsonNode root, Consumer<ObjectNode> out) {
    requireStarted();
    merge(root.path("usage"));
    String reason =
        OpenAiToAnthropicResponse.finishReason(root.path("delta").path("stop_reason").asText(null));
    out.accept(chunk(Json.MAPPER.createObjectNode(), reason));
  }

  private void messageStop(Consumer<ObjectNode> out) {
    requireStarted();
    if (includeUsage) {
      ObjectNode chunk = header();
      chunk.putArray("choices");
      chunk.set("usage", OpenAiToAnthropicResponse.usage(usage));
      out.accept(chunk);
    }
    finished = true;
  }

  private ObjectNode chunk(ObjectNode delta, String finishReason) {
    ObjectNode chunk = header();
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    if (finishReason == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finishReason);
    }
    if (includeUsage) {
      chunk.putNull("usage"); // as OpenAI does: every chunk but the last carries usage: null
    }
    return chunk;
  }

  private ObjectNode header() {
    ObjectNode chunk = Json.MAPPER.createObjectNode();
    chunk.put("id", id);
    chunk.put("object", "chat.completion.chunk");
    chunk.put("created", created);
    chunk.put("model", model);
    return chunk;
  }

  private static ObjectNode toolCalls(ObjectNode call) {
    ObjectNode delta = Json.MAPPER.createObjectNode();
    ArrayNode calls = delta.putArray("tool_calls");
    calls.add(call);
    return delta;
  }

  /** Takes the fields a usage object carries (message_delta repeats or updates some). */
  private void merge(JsonNode fields) {
    if (fields != null && fields.isObject()) {
      fields.fields().forEachRemaining(f -> usage.set(f.getKey(), f.getValue().deepCopy()));
    }
  }

  @Override
  public dev.gantry.core.api.Usage usage() {
    if (id == null) {
      return null;
    }
    return dev.gantry.core.api.Usage.fromOpenAi(OpenAiToAnthropicResponse.usage(usage));
  }

  private void requireStarted() {
    if (id == null) {
      throw OpenAiToAnthropicErrors.invalid("stream event before message_start.");
    }
  }

  private static JsonNode parse(String data) {
    JsonNode root;
    try {
      root = data == null ? null : Json.MAPPER.readTree(data);
    } catch (IOException e) {
      root = null;
    }
    if (root == null || !root.isObject()) {
      throw OpenAiToAnthropicErrors.invalid("a stream event's data is not a JSON object.");
    }
    return root;
  }
}
