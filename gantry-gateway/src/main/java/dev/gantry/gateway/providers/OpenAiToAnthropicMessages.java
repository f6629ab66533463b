package dev.gantry.gateway.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ApiException;
import dev.gantry.core.api.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Converts OpenAI chat messages into Anthropic's top-level {@code system} text and its strictly
 * alternating {@code user}/{@code assistant} turns. Consecutive messages that land on the same
 * Anthropic role (two user messages, a run of tool results) are merged into one turn's content
 * blocks. Stateless.
 */
final class OpenAiToAnthropicMessages {

  /**
   * @param system the text of each system and developer message, in order; empty when none
   * @param systemBlocks the same as Anthropic text blocks, keeping {@code cache_control} marks (a
   *     part's own, or the message's on its last block)
   * @param messages the Anthropic {@code messages} array
   */
  record Converted(List<String> system, List<ObjectNode> systemBlocks, ArrayNode messages) {

    /** True when a system block carries a {@code cache_control} mark. */
    boolean systemCached() {
      return systemBlocks.stream().anyMatch(b -> b.has("cache_control"));
    }
  }

  private OpenAiToAnthropicMessages() {}

  /** Converts a validated OpenAI {@code messages} array (a copy the caller owns). */
  static Converted convert(JsonNode messages) {
    List<String> system = new ArrayList<>();
    List<ObjectNode> systemBlocks = new ArrayList<>();
    ArrayNode turns = Json.MAPPER.createArrayNode();
    for (int i = 0; i < messages.size(); i++) {
      JsonNode msg = messages.get(i);
      String path = "messages[" + i + "]";
      String role = msg.path("role").asText();
      switch (role) {
        case "system", "developer" -> {
          system.add(systemText(msg.get("content"), path));
          systemBlocks.addAll(cached(msg, systemBlocks(msg.get("content"))));
        }
        case "user" ->
            append(turns, "user", cached(msg, userBlocks(msg.get("content"), path + ".content")));
        case "assistant" -> append(turns, "assistant", cached(msg, assistantBlocks(msg, path)));
        case "tool" -> append(turns, "user", cached(msg, List.of(toolResult(msg, path))));
        default ->
            throw unsupported(
                path + ".role",
                "Role '"
                    + role
                    + "' (legacy function calling) is not supported on Anthropic routes; use"
                    + " 'tool' messages and 'tool_calls'.");
      }
    }
    for (JsonNode turn : turns) {
      collapseSingleText((ObjectNode) turn);
    }
    return new Converted(system, systemBlocks, turns);
  }

  /**
   * Puts a message-level {@code cache_control} (as some OpenAI-format clients send it) on the
   * message's last block, where Anthropic expects the cache breakpoint.
   */
  private static List<ObjectNode> cached(JsonNode msg, List<ObjectNode> blocks) {
    JsonNode mark = msg.get("cache_control");
    if (mark != null && mark.isObject() && !blocks.isEmpty()) {
      blocks.get(blocks.size() - 1).set("cache_control", mark.deepCopy());
    }
    return blocks;
  }

  /** A system message's text as blocks: one, or one per part when a part has a cache mark. */
  private static List<ObjectNode> systemBlocks(JsonNode content) {
    List<ObjectNode> out = new ArrayList<>();
    if (content.isTextual()) {
      out.add(text(content.asText()));
      return out;
    }
    boolean marked = false;
    for (JsonNode part : content) {
      marked |= part.path("cache_control").isObject();
    }
    if (!marked) {
      StringBuilder joined = new StringBuilder();
      for (JsonNode part : content) {
        joined.append(joined.length() == 0 ? "" : "\n").append(part.path("text").asText());
      }
      out.add(text(joined.toString()));
      return out;
    }
    for (JsonNode part : content) {
      ObjectNode block = text(part.path("text").asText());
      copyCacheControl(part, block);
      out.add(block);
    }
    return out;
  }

  private static void copyCacheControl(JsonNode from, ObjectNode to) {
    JsonNode cacheControl = from.get("cache_control");
    if (cacheControl != null && cacheControl.isObject()) {
      to.set("cache_control", cacheControl.deepCopy());
    }
  }

  private static void append(ArrayNode turns, String role, List<ObjectNode> blocks) {
    if (blocks.isEmpty()) {
      return;
    }
    JsonNode last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
    ArrayNode content;
    if (last != null && role.equals(last.path("role").asText())) {
      content = (ArrayNode) last.get("content");
    } else {
      ObjectNode turn = turns.addObject();
      turn.put("role", role);
      content = turn.putArray("content");
    }
    content.addAll(blocks);
  }

  /** A turn made of one plain text block is sent the short way, as a string. */
  private static void collapseSingleText(ObjectNode turn) {
    JsonNode content = turn.get("content");
    if (content.size() == 1) {
      JsonNode only = content.get(0);
      if (only.size() == 2 && "text".equals(only.path("type").asText())) {
        turn.put("content", only.get("text").asText());
      }
    }
  }

  private static String systemText(JsonNode content, String path) {
    if (content.isTextual()) {
      return content.asText();
    }
    List<String> texts = new ArrayList<>();
    for (int j = 0; j < content.size(); j++) {
      JsonNode part = content.get(j);
      String type = part.path("type").asText();
      if (!"text".equals(type)) {
        throw unsupported(
            path + ".content[" + j + "].type",
            "System and developer messages on Anthropic routes may contain only text parts, not '"
                + type
                + "'.");
      }
      texts.add(part.get("text").asText());
    }
    return String.join("\n", texts);
  }

  private static List<ObjectNode> userBlocks(JsonNode content, String path) {
    List<ObjectNode> blocks = new ArrayList<>();
    if (content.isTextual()) {
      blocks.add(text(content.asText()));
      return blocks;
    }
    for (int j = 0; j < content.size(); j++) {
      JsonNode part = content.get(j);
      String partPath = path + "[" + j + "]";
      String type = part.path("type").asText();
      ObjectNode block;
      if ("text".equals(type)) {
        block = text(part.get("text").asText());
      } else if ("image_url".equals(type)) {
        block = image(part, partPath);
      } else {
        throw unsupported(
            partPath + ".type",
            "Content parts of type '"
                + type
                + "' are not supported on Anthropic routes; use 'text' or 'image_url'.");
      }
      copyCacheControl(part, block);
      blocks.add(block);
    }
    return blocks;
  }

  private static List<ObjectNode> assistantBlocks(JsonNode msg, String path) {
    List<ObjectNode> blocks = new ArrayList<>();
    if (msg.hasNonNull("function_call") && !msg.hasNonNull("tool_calls")) {
      throw unsupported(
          path + ".function_call",
          "Legacy 'function_call' is not supported on Anthropic routes; use 'tool_calls'.");
    }
    JsonNode content = msg.get("content");
    if (content != null && content.isTextual()) {
      addText(blocks, content.asText());
    } else if (content != null && content.isArray()) {
      for (int j = 0; j < content.size(); j++) {
        JsonNode part = content.get(j);
        String type = part.path("type").asText();
        if ("text".equals(type)) {
          int before = blocks.size();
          addText(blocks, part.get("text").asText());
          if (blocks.size() > before) {
            copyCacheControl(part, blocks.get(before));
          }
        } else if ("refusal".equals(type)) {
          addText(blocks, part.path("refusal").asText());
        } else {
          throw unsupported(
              path + ".content[" + j + "].type",
              "Assistant content parts of type '"
                  + type
                  + "' are not supported on Anthropic routes; use 'text'.");
        }
      }
    }
    JsonNode calls = msg.get("tool_calls");
    if (calls != null && calls.isArray()) {
      for (int j = 0; j < calls.size(); j++) {
        JsonNode call = calls.get(j);
        JsonNode fn = call.get("function");
        ObjectNode block = Json.MAPPER.createObjectNode();
        block.put("type", "tool_use");
        block.put("id", call.get("id").asText());
        block.put("name", fn.get("name").asText());
        block.set(
            "input", arguments(fn.path("arguments").asText(""), path + ".tool_calls[" + j + "]"));
        blocks.add(block);
      }
    }
    return blocks;
  }

  private static void addText(List<ObjectNode> blocks, String text) {
    // Anthropic rejects empty text blocks; an assistant turn that only calls tools has none.
    if (!text.isEmpty()) {
      blocks.add(text(text));
    }
  }

  private static JsonNode arguments(String arguments, String callPath) {
    String param = callPath + ".function.arguments";
    if (arguments.isBlank()) {
      return Json.MAPPER.createObjectNode();
    }
    JsonNode input;
    try {
      input = Json.MAPPER.readTree(arguments);
    } catch (IOException e) {
      throw new ApiException(
          ApiError.invalid(
              "Invalid '" + param + "': the arguments are not valid JSON.",
              param,
              "invalid_value"));
    }
    if (input == null || !input.isObject()) {
      throw new ApiException(
          ApiError.invalid(
              "Invalid '" + param + "': Anthropic routes need the arguments to be a JSON object.",
              param,
              "invalid_value"));
    }
    return input;
  }

  private static ObjectNode toolResult(JsonNode msg, String path) {
    ObjectNode block = Json.MAPPER.createObjectNode();
    block.put("type", "tool_result");
    block.put("tool_use_id", msg.get("tool_call_id").asText());
    JsonNode content = msg.get("content");
    if (content.isTextual()) {
      block.put("content", content.asText());
    } else {
      block.putArray("content").addAll(userBlocks(content, path + ".content"));
    }
    return block;
  }

  private static ObjectNode image(JsonNode part, String path) {
    JsonNode imageUrl = part.get("image_url");
    JsonNode urlNode =
        imageUrl == null ? null : imageUrl.isTextual() ? imageUrl : imageUrl.get("url");
    if (urlNode == null || !urlNode.isTextual() || urlNode.asText().isBlank()) {
      throw new ApiException(
          ApiError.invalid(
              "Missing required parameter: '" + path + ".image_url.url'.",
              path + ".image_url.url",
              "missing_required_parameter"));
    }
    String url = urlNode.asText();
    ObjectNode block = Json.MAPPER.createObjectNode();
    block.put("type", "image");
    ObjectNode source = block.putObject("source");
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("data:")) {
      int comma = url.indexOf(',');
      String meta = comma < 0 ? "" : url.substring(5, comma);
      if (!meta.toLowerCase(Locale.ROOT).endsWith(";base64") || meta.length() == 7) {
        throw new ApiException(
            ApiError.invalid(
                "Invalid '"
                    + path
                    + ".image_url.url': data URLs must look like"
                    + " 'data:<media type>;base64,<data>'.",
                path + ".image_url.url",
                "invalid_value"));
      }
      source.put("type", "base64");
      source.put("media_type", meta.substring(0, meta.length() - 7));
      source.put("data", url.substring(comma + 1));
    } else if (lower.startsWith("https://") || lower.startsWith("http://")) {
      source.put("type", "url");
      source.put("url", url);
    } else {
      throw new ApiException(
          ApiError.invalid(
              "Invalid '" + path + ".image_url.url': expected an http(s) URL or a base64 data URL.",
              path + ".image_url.url",
              "invalid_value"));
    }
    return block;
  }

  private static ObjectNode text(String text) {
    ObjectNode block = Json.MAPPER.createObjectNode();
    block.put("type", "text");
    block.put("text", text);
    return block;
  }

  static ApiException unsupported(String param, String message) {
    return new ApiException(ApiError.invalid(message, param, "unsupported_value"));
  }
}
