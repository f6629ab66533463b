package dev.gantry.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a complete {@code chat.completion} into the chunks a streaming client expects, for answers
 * that did not come from an upstream stream (a stage's ready answer). Stateless.
 */
public final class Completions {
  private Completions() {}

  /**
   * One chunk per choice with its whole message as the delta, then one with the usage when {@code
   * includeUsage}.
   */
  public static List<ObjectNode> toChunks(ObjectNode completion, boolean includeUsage) {
    List<ObjectNode> chunks = new ArrayList<>();
    for (JsonNode choice : completion.path("choices")) {
      ObjectNode chunk = header(completion);
      ObjectNode c = chunk.putArray("choices").addObject();
      c.put("index", choice.path("index").asInt(0));
      ObjectNode delta = c.putObject("delta");
      JsonNode message = choice.path("message");
      delta.put("role", message.path("role").asText("assistant"));
      if (message.has("content")) {
        delta.set("content", message.get("content"));
      }
      if (message.has("tool_calls")) {
        ObjectNode[] calls = new ObjectNode[message.get("tool_calls").size()];
        for (int i = 0; i < calls.length; i++) {
          calls[i] = message.get("tool_calls").get(i).deepCopy();
          calls[i].put("index", i);
        }
        delta.putArray("tool_calls").addAll(java.util.Arrays.asList(calls));
      }
      c.putNull("logprobs");
      c.set(
          "finish_reason",
          choice.path("finish_reason").isMissingNode() ? null : choice.get("finish_reason"));
      chunks.add(chunk);
    }
    if (includeUsage && completion.has("usage")) {
      ObjectNode usage = header(completion);
      usage.putArray("choices");
      usage.set("usage", completion.get("usage"));
      chunks.add(usage);
    }
    return chunks;
  }

  /**
   * A complete one-choice {@code chat.completion} made by Gantry itself (a refusal, an extractive
   * answer).
   */
  public static ObjectNode of(
      String requestId,
      long createdEpochSeconds,
      String model,
      String content,
      String finishReason,
      long promptTokens,
      long completionTokens) {
    ObjectNode c = Json.MAPPER.createObjectNode();
    c.put("id", "chatcmpl-" + requestId);
    c.put("object", "chat.completion");
    c.put("created", createdEpochSeconds);
    c.put("model", model);
    ObjectNode choice = c.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", content);
    message.putNull("refusal");
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason);
    ObjectNode usage = c.putObject("usage");
    usage.put("prompt_tokens", promptTokens);
    usage.put("completion_tokens", completionTokens);
    usage.put("total_tokens", promptTokens + completionTokens);
    return c;
  }

  private static ObjectNode header(ObjectNode completion) {
    ObjectNode chunk = Json.MAPPER.createObjectNode();
    chunk.set("id", completion.get("id"));
    chunk.put("object", "chat.completion.chunk");
    chunk.set("created", completion.get("created"));
    chunk.set("model", completion.get("model"));
    return chunk;
  }
}
