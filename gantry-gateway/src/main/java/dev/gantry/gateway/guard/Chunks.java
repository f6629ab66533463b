package dev.gantry.gateway.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reads and rewrites the text delta of a {@code chat.completion.chunk}. Stateless. */
final class Chunks {
  private Chunks() {}

  /** The text delta of the chunk's first choice, or null when it carries none. */
  static String content(ObjectNode chunk) {
    JsonNode choices = chunk.path("choices");
    if (choices.size() != 1) {
      return null;
    }
    JsonNode c = choices.get(0).path("delta").path("content");
    return c.isTextual() ? c.asText() : null;
  }

  /** True when the chunk carries nothing but a text delta (no role, tool calls, finish, usage). */
  static boolean contentOnly(ObjectNode chunk) {
    JsonNode choice = chunk.path("choices").path(0);
    JsonNode delta = choice.path("delta");
    return content(chunk) != null
        && delta.size() == 1
        && (choice.path("finish_reason").isNull() || choice.path("finish_reason").isMissingNode())
        && (chunk.path("usage").isNull() || chunk.path("usage").isMissingNode());
  }

  /** A copy of {@code chunk} whose first choice's text delta is {@code text}. */
  static ObjectNode withContent(ObjectNode chunk, String text) {
    ObjectNode copy = chunk.deepCopy();
    ((ObjectNode) copy.get("choices").get(0).get("delta")).put("content", text);
    return copy;
  }

  /** A copy of {@code chunk} without its first choice's text delta. */
  static ObjectNode withoutContent(ObjectNode chunk) {
    ObjectNode copy = chunk.deepCopy();
    ((ObjectNode) copy.get("choices").get(0).get("delta")).remove("content");
    return copy;
  }
}
