package dev.gantry.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes answers in the Anthropic Messages wire format: the {@code message} object and the event
 * stream {@code message_start}, {@code content_block_start}, {@code ping}, {@code
 * content_block_delta}…, {@code content_block_stop}, {@code message_delta}, {@code message_stop}.
 * Stateless.
 */
final class AnthropicWire {
  private AnthropicWire() {}

  /** What every response of one request shares. */
  record Head(String id, String model, String toolUseId) {}

  static byte[] message(Head head, Completion completion, ChatInput input) {
    ObjectNode root = messageShell(head);
    ObjectNode block = root.putArray("content").addObject();
    if (completion.reply() instanceof Reply.ToolCall call) {
      toolUse(block, head, call).set("input", parse(call.arguments()));
    } else {
      block.put("type", "text");
      block.put("text", ((Reply.Text) completion.reply()).text());
    }
    root.put("stop_reason", completion.finish().anthropic);
    putStopSequence(root, completion.stopSequence());
    ObjectNode usage = root.putObject("usage");
    inputUsage(usage, input);
    usage.put("output_tokens", completion.completionTokens());
    return Json.toBytes(root);
  }

  static List<SseEvent> events(Head head, Completion completion, ChatInput input, int chunkTokens) {
    List<SseEvent> events = new ArrayList<>();
    ObjectNode start = Json.MAPPER.createObjectNode();
    start.put("type", "message_start");
    ObjectNode message = messageShell(head);
    message.putArray("content");
    message.putNull("stop_reason");
    message.putNull("stop_sequence");
    ObjectNode startUsage = message.putObject("usage");
    inputUsage(startUsage, input);
    startUsage.put("output_tokens", 1);
    start.set("message", message);
    events.add(event("message_start", start, false));

    ObjectNode blockStart = Json.MAPPER.createObjectNode();
    blockStart.put("type", "content_block_start");
    blockStart.put("index", 0);
    ObjectNode block = blockStart.putObject("content_block");
    List<String> pieces;
    String deltaType;
    String deltaField;
    if (completion.reply() instanceof Reply.ToolCall call) {
      toolUse(block, head, call).putObject("input");
      pieces = Tokens.fragments(call.arguments(), chunkTokens);
      deltaType = "input_json_delta";
      deltaField = "partial_json";
    } else {
      block.put("type", "text");
      block.put("text", "");
      pieces = Tokens.chunks(((Reply.Text) completion.reply()).text(), chunkTokens);
      deltaType = "text_delta";
      deltaField = "text";
    }
    events.add(event("content_block_start", blockStart, false));
    events.add(event("ping", Json.MAPPER.createObjectNode().put("type", "ping"), false));

    for (String piece : pieces) {
      ObjectNode delta = Json.MAPPER.createObjectNode();
      delta.put("type", "content_block_delta");
      delta.put("index", 0);
      delta.putObject("delta").put("type", deltaType).put(deltaField, piece);
      events.add(event("content_block_delta", delta, true));
    }
    ObjectNode blockStop = Json.MAPPER.createObjectNode().put("type", "content_block_stop");
    blockStop.put("index", 0);
    events.add(event("content_block_stop", blockStop, false));

    ObjectNode messageDelta = Json.MAPPER.createObjectNode().put("type", "message_delta");
    ObjectNode delta = messageDelta.putObject("delta");
    delta.put("stop_reason", completion.finish().anthropic);
    putStopSequence(delta, completion.stopSequence());
    messageDelta.putObject("usage").put("output_tokens", completion.completionTokens());
    events.add(event("message_delta", messageDelta, false));
    events.add(
        event("message_stop", Json.MAPPER.createObjectNode().put("type", "message_stop"), false));
    return events;
  }

  /**
   * Input tokens as Anthropic reports them: uncached input, cache writes and cache reads apart
   * (with the per-TTL split of the writes).
   */
  private static void inputUsage(ObjectNode usage, ChatInput input) {
    PromptCache.Use c = input.cache();
    int written = c.write5m() + c.write1h();
    usage.put("input_tokens", Math.max(0, input.promptTokens() - c.read() - written));
    usage.put("cache_creation_input_tokens", written);
    usage.put("cache_read_input_tokens", c.read());
    usage
        .putObject("cache_creation")
        .put("ephemeral_5m_input_tokens", c.write5m())
        .put("ephemeral_1h_input_tokens", c.write1h());
  }

  private static ObjectNode messageShell(Head head) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("id", head.id());
    root.put("type", "message");
    root.put("role", "assistant");
    root.put("model", head.model());
    return root;
  }

  private static ObjectNode toolUse(ObjectNode block, Head head, Reply.ToolCall call) {
    block.put("type", "tool_use");
    block.put("id", head.toolUseId());
    block.put("name", call.name());
    return block;
  }

  private static void putStopSequence(ObjectNode target, String stopSequence) {
    if (stopSequence == null) {
      target.putNull("stop_sequence");
    } else {
      target.put("stop_sequence", stopSequence);
    }
  }

  private static JsonNode parse(String json) {
    return Json.tryParse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static SseEvent event(String name, ObjectNode data, boolean token) {
    return new SseEvent(name, Json.toString(data), token);
  }
}
