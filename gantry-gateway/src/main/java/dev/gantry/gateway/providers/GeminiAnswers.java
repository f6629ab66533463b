package dev.gantry.gateway.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import java.util.Locale;

/**
 * Reads Gemini {@code GenerateContentResponse}s: the text of a candidate (thought parts apart), its
 * function calls, the finish reason in OpenAI's terms (safety, recitation and blocklist reasons
 * become {@code content_filter}) and {@code usageMetadata} as an OpenAI usage object (cached and
 * thinking tokens in the details). Stateless.
 */
final class GeminiAnswers {
  private GeminiAnswers() {}

  /** OpenAI's finish reason for a Gemini one (null stays null). */
  static String finish(String gemini, boolean calledTools) {
    if (gemini == null) {
      return null;
    }
    return switch (gemini.toUpperCase(Locale.ROOT)) {
      case "STOP" -> calledTools ? "tool_calls" : "stop";
      case "MAX_TOKENS" -> "length";
      case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY" ->
          "content_filter";
      default -> calledTools ? "tool_calls" : "stop";
    };
  }

  /** Gemini does not always name its function calls; chat clients need an id to answer one. */
  static String callId() {
    java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
    return "call_"
        + Long.toHexString(r.nextLong() | Long.MIN_VALUE)
        + Long.toHexString(r.nextLong() | Long.MIN_VALUE);
  }

  static ObjectNode usage(JsonNode meta) {
    if (meta == null || !meta.isObject()) {
      return null;
    }
    long prompt = meta.path("promptTokenCount").asLong(0);
    long thoughts = meta.path("thoughtsTokenCount").asLong(0);
    long completion = meta.path("candidatesTokenCount").asLong(0) + thoughts;
    ObjectNode usage = Json.MAPPER.createObjectNode();
    usage.put("prompt_tokens", prompt);
    usage.put("completion_tokens", completion);
    usage.put("total_tokens", prompt + completion);
    usage
        .putObject("prompt_tokens_details")
        .put("cached_tokens", meta.path("cachedContentTokenCount").asLong(0));
    usage.putObject("completion_tokens_details").put("reasoning_tokens", thoughts);
    return usage;
  }

  /**
   * Fills a chat message (or delta) from a candidate's parts: text, {@code reasoning_content} from
   * thought parts, tool calls (numbered from {@code callIndex[0]}, which moves on).
   *
   * @return true when the parts held a function call
   */
  static boolean parts(JsonNode parts, ObjectNode target, boolean delta, int[] callIndex) {
    StringBuilder text = new StringBuilder();
    StringBuilder thought = new StringBuilder();
    ArrayNode calls = null;
    for (JsonNode part : parts) {
      if (part.has("functionCall")) {
        JsonNode fc = part.get("functionCall");
        if (calls == null) {
          calls = target.putArray("tool_calls");
        }
        ObjectNode call = calls.addObject();
        if (delta) {
          call.put("index", callIndex[0]);
        }
        call.put("id", fc.hasNonNull("id") ? fc.get("id").asText() : callId());
        call.put("type", "function");
        ObjectNode fn = call.putObject("function");
        fn.put("name", fc.path("name").asText());
        fn.put(
            "arguments",
            Json.toString(fc.has("args") ? fc.get("args") : Json.MAPPER.createObjectNode()));
        callIndex[0]++;
      } else if (part.path("text").isTextual()) {
        (part.path("thought").asBoolean(false) ? thought : text).append(part.get("text").asText());
      }
    }
    if (text.length() > 0 || !delta) {
      if (text.length() == 0 && calls != null) {
        target.putNull("content");
      } else {
        target.put("content", text.toString());
      }
    }
    if (thought.length() > 0) {
      target.put("reasoning_content", thought.toString());
    }
    return calls != null;
  }
}
