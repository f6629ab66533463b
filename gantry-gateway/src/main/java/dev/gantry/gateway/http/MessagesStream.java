package dev.gantry.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.Json;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Writes canonical chat chunks as Anthropic's message event stream: {@code message_start}, then per
 * content block {@code content_block_start} ({@code ping} after the first), its {@code
 * content_block_delta}s ({@code thinking_delta}, {@code text_delta}, {@code input_json_delta}) and
 * {@code content_block_stop}; last {@code message_delta} with the stop reason and usage and {@code
 * message_stop}. A failure after the first event ends the stream with an {@code error} event, which
 * the Anthropic SDKs raise. One per request; event-loop thread only.
 */
final class MessagesStream extends EventStreamSink
    implements ChunkReader.Pieces, dev.gantry.core.pipeline.PassthroughSink {
  private final String id;
  private final String model;
  private final long inputTokens;
  private final Consumer<ApiError> plainError;
  private final Set<Integer> toolIndexes = new HashSet<>();
  private boolean begun;
  private boolean pinged;
  private int blocks;
  private String open;
  private int openTool = -1;
  private String finish = "stop";
  private TokenUsage usage;
  private boolean forwarded;

  /**
   * @param inputTokens the prompt's size as counted by Gantry, shown in {@code message_start} (the
   *     upstream's count arrives only with the last chunk, in {@code message_delta})
   */
  MessagesStream(
      SseEvents out, String id, String model, long inputTokens, Consumer<ApiError> plainError) {
    super(out);
    this.id = id;
    this.model = model;
    this.inputTokens = inputTokens;
    this.plainError = plainError;
  }

  @Override
  public void send(ObjectNode chunk) {
    if (!out.closed()) {
      ChunkReader.read(chunk, this);
    }
  }

  private void begin() {
    if (begun) {
      return;
    }
    begun = true;
    ObjectNode message = MessagesObject.shell(id, model);
    message.putArray("content");
    message.putNull("stop_reason");
    message.putNull("stop_sequence");
    ObjectNode u = message.putObject("usage");
    u.put("input_tokens", inputTokens);
    u.put("cache_creation_input_tokens", 0);
    u.put("cache_read_input_tokens", 0);
    u.put("output_tokens", 1);
    ObjectNode e = event("message_start");
    e.set("message", message);
    out.write("message_start", e);
  }

  private void start(String type, ObjectNode block) {
    close();
    begin();
    open = type;
    ObjectNode e = event("content_block_start");
    e.put("index", blocks);
    e.set("content_block", block);
    out.write("content_block_start", e);
    if (!pinged) {
      pinged = true;
      out.write("ping", event("ping"));
    }
  }

  private void delta(ObjectNode delta) {
    ObjectNode e = event("content_block_delta");
    e.put("index", blocks);
    e.set("delta", delta);
    out.write("content_block_delta", e);
  }

  private void close() {
    if (open == null) {
      return;
    }
    ObjectNode e = event("content_block_stop");
    e.put("index", blocks);
    out.write("content_block_stop", e);
    blocks++;
    open = null;
    openTool = -1;
  }

  @Override
  public void reasoning(String text) {
    if (!"thinking".equals(open)) {
      start(
          "thinking",
          Json.MAPPER
              .createObjectNode()
              .put("type", "thinking")
              .put("thinking", "")
              .put("signature", ""));
    }
    delta(Json.MAPPER.createObjectNode().put("type", "thinking_delta").put("thinking", text));
  }

  @Override
  public void text(String text) {
    if (!"text".equals(open)) {
      start("text", Json.MAPPER.createObjectNode().put("type", "text").put("text", ""));
    }
    delta(Json.MAPPER.createObjectNode().put("type", "text_delta").put("text", text));
  }

  @Override
  public void toolCall(int index, String callId, String name, String arguments) {
    if (openTool != index) {
      if (toolIndexes.contains(index)) {
        // A later fragment of a call whose block was closed: Anthropic cannot reopen it.
        return;
      }
      toolIndexes.add(index);
      ObjectNode block = Json.MAPPER.createObjectNode().put("type", "tool_use");
      block.put("id", callId == null ? OpaqueIds.next("toolu_") : callId);
      block.put("name", name == null ? "" : name);
      block.putObject("input");
      start("tool_use", block);
      openTool = index;
    }
    if (!arguments.isEmpty()) {
      delta(
          Json.MAPPER
              .createObjectNode()
              .put("type", "input_json_delta")
              .put("partial_json", arguments));
    }
  }

  @Override
  public void finish(String reason) {
    finish = reason;
  }

  @Override
  public void usage(JsonNode u) {
    usage = TokenUsage.of(u);
  }

  @Override
  public dev.gantry.core.pipeline.PassthroughSink passthrough() {
    return this;
  }

  /** An Anthropic upstream's own event, written as it came (the model named as the client did). */
  @Override
  public void forward(String event, String data) {
    forwarded = true;
    if ("message_start".equals(event)) {
      JsonNode start = Json.tryParse(data.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      if (start instanceof ObjectNode o && o.path("message").isObject()) {
        ((ObjectNode) o.get("message")).put("model", model);
        out.write(event, o);
        return;
      }
    }
    out.writeRaw(event, data);
  }

  @Override
  public void end() {
    if (out.closed()) {
      return;
    }
    if (forwarded) {
      out.end(null, null);
      return;
    }
    begin();
    close();
    ObjectNode e = event("message_delta");
    ObjectNode d = e.putObject("delta");
    d.put("stop_reason", MessagesRequest.stopReason(finish));
    d.putNull("stop_sequence");
    e.set(
        "usage",
        MessagesObject.usage(usage == null ? new TokenUsage(inputTokens, 0, 0, 0, 0) : usage));
    out.write("message_delta", e);
    out.end("message_stop", event("message_stop"));
  }

  @Override
  public void fail(ApiError error) {
    if (out.ended()) {
      return;
    }
    if (!out.started()) {
      out.abandon();
      plainError.accept(error);
      return;
    }
    out.end("error", AnthropicErrors.body(error));
  }

  private static ObjectNode event(String type) {
    return Json.MAPPER.createObjectNode().put("type", type);
  }
}
