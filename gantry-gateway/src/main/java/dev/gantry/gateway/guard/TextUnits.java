package dev.gantry.gateway.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ChatMessage;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.api.ChatRequestValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pieces of text in a chat request that checks look at: a message's string content, or each
 * text part of an array content. Rebuilds a request with some pieces replaced. Stateless.
 */
final class TextUnits {
  private TextUnits() {}

  /**
   * One piece of text.
   *
   * @param message index into {@code messages}
   * @param part index into the content array, or -1 for string content
   */
  record Unit(int message, int part, String role, String text) {}

  static List<Unit> of(ChatRequest request) {
    List<Unit> out = new ArrayList<>();
    List<ChatMessage> messages = request.messages();
    for (int i = 0; i < messages.size(); i++) {
      ChatMessage m = messages.get(i);
      JsonNode content = m.json().get("content");
      if (content != null && content.isTextual()) {
        if (!content.asText().isEmpty()) {
          out.add(new Unit(i, -1, m.role(), content.asText()));
        }
      } else if (content != null && content.isArray()) {
        for (int p = 0; p < content.size(); p++) {
          JsonNode part = content.get(p);
          if ("text".equals(part.path("type").asText()) && part.path("text").isTextual()) {
            out.add(new Unit(i, p, m.role(), part.get("text").asText()));
          }
        }
      }
    }
    return out;
  }

  /** Index of the last assistant message, or -1. */
  static int lastAssistant(ChatRequest request) {
    List<ChatMessage> messages = request.messages();
    for (int i = messages.size() - 1; i >= 0; i--) {
      if ("assistant".equals(messages.get(i).role())) {
        return i;
      }
    }
    return -1;
  }

  /** Index of the last user message, or -1. */
  static int lastUser(ChatRequest request) {
    List<ChatMessage> messages = request.messages();
    for (int i = messages.size() - 1; i >= 0; i--) {
      if ("user".equals(messages.get(i).role())) {
        return i;
      }
    }
    return -1;
  }

  /** The request with each unit in {@code replacements} given its new text. */
  static ChatRequest replace(ChatRequest request, Map<Unit, String> replacements) {
    ObjectNode body = request.copyJson();
    ArrayNode messages = (ArrayNode) body.get("messages");
    for (Map.Entry<Unit, String> e : replacements.entrySet()) {
      Unit u = e.getKey();
      ObjectNode m = (ObjectNode) messages.get(u.message());
      if (u.part() < 0) {
        m.put("content", e.getValue());
      } else {
        ((ObjectNode) m.get("content").get(u.part())).put("text", e.getValue());
      }
    }
    return ChatRequestValidator.validate(body);
  }

  /** The request with {@code line} appended to its first system message (or a new one first). */
  static ChatRequest withSystemLine(ChatRequest request, String line) {
    ObjectNode body = request.copyJson();
    ArrayNode messages = (ArrayNode) body.get("messages");
    for (JsonNode m : messages) {
      String role = m.path("role").asText();
      if ((role.equals("system") || role.equals("developer")) && m.path("content").isTextual()) {
        ((ObjectNode) m).put("content", m.get("content").asText() + "\n\n" + line);
        return ChatRequestValidator.validate(body);
      }
    }
    ObjectNode sys = messages.insertObject(0);
    sys.put("role", "system");
    sys.put("content", line);
    return ChatRequestValidator.validate(body);
  }
}
