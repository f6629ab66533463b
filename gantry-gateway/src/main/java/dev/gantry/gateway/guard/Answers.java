package dev.gantry.gateway.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Reads and rewrites the text of a complete chat completion's choices. Stateless. */
final class Answers {
  private Answers() {}

  /** The text content of choice {@code i}, or null when it has none (e.g. only tool calls). */
  static String content(ObjectNode completion, int i) {
    JsonNode c = completion.path("choices").path(i).path("message").path("content");
    return c.isTextual() ? c.asText() : null;
  }

  static int choices(ObjectNode completion) {
    return completion.path("choices").size();
  }

  /** A copy with choice {@code i}'s content replaced. */
  static ObjectNode withContent(ObjectNode completion, int i, String text) {
    ObjectNode copy = completion.deepCopy();
    ((ObjectNode) copy.get("choices").get(i).get("message")).put("content", text);
    return copy;
  }

  /** A copy with every placeholder key replaced by its value in every choice's content. */
  static ObjectNode mapContent(ObjectNode completion, Map<String, String> replacements) {
    ObjectNode copy = completion.deepCopy();
    for (JsonNode choice : copy.path("choices")) {
      JsonNode message = choice.path("message");
      if (message.path("content").isTextual()) {
        String text = message.get("content").asText();
        for (Map.Entry<String, String> e : replacements.entrySet()) {
          text = text.replace(e.getKey(), e.getValue());
        }
        ((ObjectNode) message).put("content", text);
      }
    }
    return copy;
  }
}
