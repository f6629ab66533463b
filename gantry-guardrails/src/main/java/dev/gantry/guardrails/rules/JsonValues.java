package dev.gantry.guardrails.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns JSON into the values CEL reads: objects into maps, arrays into lists, whole numbers into
 * {@code long}, other numbers into {@code double}. A {@code null} member is left out, so that
 * {@code has(json.x)} is false for it. Stateless.
 */
final class JsonValues {
  private JsonValues() {}

  /** The text parsed as a JSON object or array, or null when it is not one. */
  static Object parse(String text) {
    String t = text.strip();
    if (t.startsWith("```")) {
      int nl = t.indexOf('\n');
      int end = t.lastIndexOf("```");
      if (nl > 0 && end > nl) {
        t = t.substring(nl + 1, end).strip();
      }
    }
    if (!(t.startsWith("{") || t.startsWith("["))) {
      return null;
    }
    JsonNode node = Json.tryParse(t.getBytes(StandardCharsets.UTF_8));
    return node == null || !(node.isObject() || node.isArray()) ? null : of(node);
  }

  static Object of(JsonNode n) {
    if (n.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = n.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        Object v = of(e.getValue());
        if (v != null) {
          m.put(e.getKey(), v);
        }
      }
      return m;
    }
    if (n.isArray()) {
      List<Object> l = new ArrayList<>();
      for (JsonNode x : n) {
        Object v = of(x);
        if (v != null) {
          l.add(v);
        }
      }
      return l;
    }
    if (n.isIntegralNumber() && n.canConvertToLong()) {
      return n.asLong();
    }
    if (n.isNumber()) {
      return n.asDouble();
    }
    if (n.isBoolean()) {
      return n.asBoolean();
    }
    if (n.isTextual()) {
      return n.asText();
    }
    return null;
  }
}
