package dev.gantry.gateway.security;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import java.nio.charset.StandardCharsets;

/** Chat request bodies for the sanitiser tests. */
final class Bodies {
  private Bodies() {}

  /** {@code {"model":"m","messages":[]}}. */
  static ObjectNode empty() {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("model", "m");
    body.putArray("messages");
    return body;
  }

  /** A body with one message per text, all with role {@code user} and string content. */
  static ObjectNode user(String... texts) {
    ObjectNode body = empty();
    for (String t : texts) {
      message(body, "user").put("content", t);
    }
    return body;
  }

  /** Appends a message with {@code role} and returns it for the caller to fill. */
  static ObjectNode message(ObjectNode body, String role) {
    ObjectNode m = ((ArrayNode) body.get("messages")).addObject();
    m.put("role", role);
    return m;
  }

  /** Appends a text part to {@code content}. */
  static ObjectNode textPart(ArrayNode content, String text) {
    ObjectNode part = content.addObject();
    part.put("type", "text");
    part.put("text", text);
    return part;
  }

  /** Parses JSON text as the HTTP layer does. */
  static ObjectNode parse(String json) {
    return Json.parseObject(json.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code s} spelled in tag characters U+E0020..U+E007E. */
  static String tags(String ascii) {
    StringBuilder out = new StringBuilder();
    for (char c : ascii.toCharArray()) {
      out.appendCodePoint(0xE0000 + c);
    }
    return out.toString();
  }

  /** {@code bytes} as variation selectors (U+FE00+b for b < 16, U+E0100+(b-16) otherwise). */
  static String selectors(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      int v = b & 0xFF;
      out.appendCodePoint(v < 16 ? 0xFE00 + v : 0xE0100 + v - 16);
    }
    return out.toString();
  }

  /** {@code n} repetitions of {@code s}. */
  static String repeat(String s, int n) {
    return s.repeat(n);
  }
}
