package dev.gantry.gateway.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import java.nio.charset.StandardCharsets;

/**
 * Reads of OpenAI chat request fields that the translators to non-OpenAI wire formats share.
 * Stateless.
 */
final class ChatFields {
  private ChatFields() {}

  /** {@code max_completion_tokens}, else {@code max_tokens}, else null. */
  static JsonNode maxTokens(JsonNode request) {
    JsonNode max =
        request.hasNonNull("max_completion_tokens")
            ? request.get("max_completion_tokens")
            : request.get("max_tokens");
    return max == null || max.isNull() ? null : max;
  }

  /** {@code stop} as an array of strings, or null when absent. */
  static ArrayNode stops(JsonNode request) {
    JsonNode stop = request.get("stop");
    if (stop == null || stop.isNull()) {
      return null;
    }
    ArrayNode out = Json.MAPPER.createArrayNode();
    if (stop.isTextual()) {
      out.add(stop);
    } else {
      out.addAll((ArrayNode) stop);
    }
    return out;
  }

  /** A tool call's arguments as a JSON object (an empty one when they are not an object). */
  static ObjectNode arguments(JsonNode call) {
    JsonNode args =
        Json.tryParse(
            call.path("function").path("arguments").asText("{}").getBytes(StandardCharsets.UTF_8));
    return args instanceof ObjectNode o ? o : Json.MAPPER.createObjectNode();
  }

  /**
   * The list of the turn that {@code role} continues: the last turn's when it has the same role
   * (consecutive messages merge, as strictly alternating formats need), else a new turn's.
   *
   * @param field the name of a turn's list ({@code content}, {@code parts})
   */
  static ArrayNode turn(ArrayNode turns, String role, String field) {
    JsonNode last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
    if (last != null && role.equals(last.path("role").asText())) {
      return (ArrayNode) last.get(field);
    }
    ObjectNode turn = turns.addObject();
    turn.put("role", role);
    return turn.putArray(field);
  }

  /** The URL of an {@code image_url} part (string or object form). */
  static String imageUrl(JsonNode part) {
    JsonNode u = part.get("image_url");
    return u.isTextual() ? u.asText() : u.path("url").asText();
  }

  /** The text of a message's content: a string, or its text parts joined by newlines. */
  static String text(JsonNode content) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder out = new StringBuilder();
    for (JsonNode part : content) {
      if (part.path("text").isTextual()) {
        out.append(out.length() == 0 ? "" : "\n").append(part.get("text").asText());
      }
    }
    return out.toString();
  }
}
