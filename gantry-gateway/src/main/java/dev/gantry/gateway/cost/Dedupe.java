package dev.gantry.gateway.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.api.ChatRequestValidator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes exact repeats: a message equal in every field (role, content, tool calls, ids) to an
 * earlier one, and a content part equal to an earlier part of the same message. The last message is
 * never removed (when it repeats an earlier message, the earlier one goes instead, so the request
 * still ends with what the client just said), nor is a system or developer message. Stateless.
 */
final class Dedupe {
  private Dedupe() {}

  /** What was removed. */
  record Result(ChatRequest request, int messages, int parts) {}

  static Result apply(ChatRequest request) {
    ArrayNode in = (ArrayNode) request.json().get("messages");
    int n = in.size();
    boolean[] drop = new boolean[n];
    Set<JsonNode> seen = new HashSet<>();
    for (int i = 0; i < n; i++) {
      JsonNode m = in.get(i);
      boolean system = isSystem(m);
      if (!seen.add(m) && !system && i < n - 1) {
        drop[i] = true;
      }
    }
    JsonNode last = in.get(n - 1);
    for (int i = 0; i < n - 1; i++) {
      if (!drop[i] && !isSystem(in.get(i)) && in.get(i).equals(last)) {
        drop[i] = true;
      }
    }
    int messages = 0;
    int parts = 0;
    ObjectNode body = request.copyJson();
    ArrayNode out = body.putArray("messages");
    for (int i = 0; i < n; i++) {
      if (drop[i]) {
        messages++;
        continue;
      }
      ObjectNode m = in.get(i).deepCopy();
      JsonNode content = m.get("content");
      if (content != null && content.isArray() && content.size() > 1) {
        ArrayNode kept = m.putArray("content");
        Set<JsonNode> partsSeen = new HashSet<>();
        for (JsonNode part : content) {
          if (partsSeen.add(part)) {
            kept.add(part);
          } else {
            parts++;
          }
        }
      }
      out.add(m);
    }
    if (messages == 0 && parts == 0) {
      return new Result(request, 0, 0);
    }
    return new Result(ChatRequestValidator.validate(body), messages, parts);
  }

  private static boolean isSystem(JsonNode m) {
    return List.of("system", "developer").contains(m.path("role").asText());
  }
}
