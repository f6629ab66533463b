package dev.gantry.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads the first choice of a canonical {@code chat.completion.chunk} as typed pieces, for the
 * stream writers of the inbound APIs that have no choices (Responses, Messages, completions).
 * Stateless.
 */
final class ChunkReader {
  private ChunkReader() {}

  /** What one chunk carries, in the order it should be applied. */
  interface Pieces {
    /** Reasoning (thinking) text from upstreams that return it ({@code reasoning_content}). */
    void reasoning(String text);

    void text(String text);

    /**
     * A tool-call fragment: the first fragment of a call has its id and name, later ones only
     * argument text.
     */
    void toolCall(int index, String id, String name, String arguments);

    void finish(String reason);

    void usage(JsonNode usage);
  }

  static void read(ObjectNode chunk, Pieces out) {
    JsonNode choice = chunk.path("choices").path(0);
    if (choice.isObject() && choice.path("index").asInt(0) == 0) {
      JsonNode delta = choice.path("delta");
      String reasoning = text(delta, "reasoning_content");
      if (reasoning == null) {
        reasoning = text(delta, "reasoning");
      }
      if (reasoning != null && !reasoning.isEmpty()) {
        out.reasoning(reasoning);
      }
      String content = text(delta, "content");
      if (content != null && !content.isEmpty()) {
        out.text(content);
      }
      String refusal = text(delta, "refusal");
      if (refusal != null && !refusal.isEmpty()) {
        out.text(refusal);
      }
      for (JsonNode call : delta.path("tool_calls")) {
        JsonNode fn = call.path("function");
        out.toolCall(
            call.path("index").asInt(0),
            text(call, "id"),
            text(fn, "name"),
            fn.path("arguments").isTextual() ? fn.get("arguments").asText() : "");
      }
      JsonNode finish = choice.path("finish_reason");
      if (finish.isTextual()) {
        out.finish(finish.asText());
      }
    }
    JsonNode usage = chunk.get("usage");
    if (usage != null && usage.isObject()) {
      out.usage(usage);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }
}
