package dev.gantry.gateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.Json;
import dev.gantry.core.pipeline.ChunkSink;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Passes a stream on unchanged while assembling it into one chat completion (content, tool calls,
 * finish reasons, usage), handed to {@code onComplete} when the stream ends normally. A stream that
 * fails or that the client abandons is not handed on. Owned by one request, used on its event loop.
 */
final class RecordingSink extends dev.gantry.gateway.guard.ForwardingSinkBase {
  private final Consumer<ObjectNode> onComplete;
  private final Map<Integer, Choice> choices = new TreeMap<>();
  private ObjectNode first;
  private JsonNode usage;
  private boolean failed;

  private static final class Choice {
    final StringBuilder content = new StringBuilder();
    final Map<Integer, ObjectNode> calls = new TreeMap<>();
    String role = "assistant";
    JsonNode finish;
    boolean hasContent;
  }

  RecordingSink(ChunkSink next, Consumer<ObjectNode> onComplete) {
    super(next);
    this.onComplete = onComplete;
  }

  @Override
  public void send(ObjectNode chunk) {
    record(chunk);
    next.send(chunk);
  }

  private void record(ObjectNode chunk) {
    if (first == null) {
      first = chunk;
    }
    if (chunk.hasNonNull("usage")) {
      usage = chunk.get("usage");
    }
    for (JsonNode c : chunk.path("choices")) {
      Choice choice = choices.computeIfAbsent(c.path("index").asInt(0), i -> new Choice());
      JsonNode delta = c.path("delta");
      if (delta.path("role").isTextual()) {
        choice.role = delta.get("role").asText();
      }
      if (delta.path("content").isTextual()) {
        choice.content.append(delta.get("content").asText());
        choice.hasContent = true;
      }
      for (JsonNode call : delta.path("tool_calls")) {
        ObjectNode merged =
            choice.calls.computeIfAbsent(
                call.path("index").asInt(0),
                i -> {
                  ObjectNode o = Json.MAPPER.createObjectNode();
                  o.put("type", "function");
                  o.putObject("function").put("arguments", "");
                  return o;
                });
        if (call.path("id").isTextual()) {
          merged.put("id", call.get("id").asText());
        }
        JsonNode fn = call.path("function");
        ObjectNode mfn = (ObjectNode) merged.get("function");
        if (fn.path("name").isTextual()) {
          mfn.put("name", fn.get("name").asText());
        }
        if (fn.path("arguments").isTextual()) {
          mfn.put("arguments", mfn.get("arguments").asText() + fn.get("arguments").asText());
        }
      }
      if (c.hasNonNull("finish_reason")) {
        choice.finish = c.get("finish_reason");
      }
    }
  }

  /** The stream as one completion, or null when it had no choices. */
  ObjectNode completion() {
    if (first == null || choices.isEmpty()) {
      return null;
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("id", first.path("id").asText(""));
    out.put("object", "chat.completion");
    out.put("created", first.path("created").asLong(0));
    out.put("model", first.path("model").asText(""));
    ArrayNode list = out.putArray("choices");
    choices.forEach(
        (index, c) -> {
          ObjectNode o = list.addObject();
          o.put("index", index);
          ObjectNode message = o.putObject("message");
          message.put("role", c.role);
          if (c.hasContent || c.calls.isEmpty()) {
            message.put("content", c.content.toString());
          } else {
            message.putNull("content");
          }
          if (!c.calls.isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            c.calls.values().forEach(calls::add);
          }
          o.set("finish_reason", c.finish == null ? Json.MAPPER.nullNode() : c.finish);
        });
    if (usage != null) {
      out.set("usage", usage);
    }
    return out;
  }

  @Override
  public void fail(ApiError error) {
    failed = true;
    next.fail(error);
  }

  @Override
  public void end() {
    if (!failed && !next.closed()) {
      ObjectNode answer = completion();
      if (answer != null) {
        onComplete.accept(answer);
      }
    }
    next.end();
  }
}
