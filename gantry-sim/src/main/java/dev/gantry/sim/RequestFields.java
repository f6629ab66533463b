package dev.gantry.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Typed reads of request body fields; a wrong field throws a 400 naming it. Stateless. */
final class RequestFields {
  private RequestFields() {}

  static SimError.Thrown invalid(String message, String param) {
    return SimError.invalid(message, param).thrown();
  }

  static String requireString(ObjectNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      throw invalid("Missing required parameter: '" + field + "'.", field);
    }
    if (!node.isTextual() || node.asText().isEmpty()) {
      throw invalid("'" + field + "' must be a non-empty string.", field);
    }
    return node.asText();
  }

  static boolean optionalBoolean(JsonNode parent, String field, String param) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isBoolean()) {
      throw invalid("'" + param + "' must be a boolean.", param);
    }
    return node.booleanValue();
  }

  /** An integer field in {@code [min, max]}, or {@code fallback} when absent or null. */
  static int optionalInt(ObjectNode body, String field, int min, int max, int fallback) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
      throw invalid("'" + field + "' must be an integer in " + min + ".." + max + ".", field);
    }
    return node.asInt();
  }

  /** A non-empty array field. */
  static JsonNode requireArray(ObjectNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      throw invalid("Missing required parameter: '" + field + "'.", field);
    }
    if (!node.isArray() || node.isEmpty()) {
      throw invalid("'" + field + "' must be a non-empty array.", field);
    }
    return node;
  }

  /** A string or an array of strings (absent = none). */
  static List<String> stringOrList(ObjectNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (node.isTextual()) {
      return List.of(node.asText());
    }
    if (node.isArray()) {
      List<String> out = new ArrayList<>(node.size());
      for (JsonNode item : node) {
        if (!item.isTextual()) {
          throw invalid("'" + field + "' must be a string or an array of strings.", field);
        }
        out.add(item.asText());
      }
      return out;
    }
    throw invalid("'" + field + "' must be a string or an array of strings.", field);
  }

  /**
   * The text of a message {@code content}: a string, or the {@code text} of every part of an array
   * (OpenAI content parts, Anthropic blocks, including text nested in tool results).
   */
  static String text(JsonNode content) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    if (!content.isArray()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (JsonNode part : content) {
      if (part.path("text").isTextual()) {
        out.append(part.get("text").asText());
      } else if (part.has("content")) {
        out.append(text(part.get("content")));
      }
    }
    return out.toString();
  }
}
