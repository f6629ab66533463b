package dev.gantry.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ApiException;
import dev.gantry.core.api.Json;
import java.util.Locale;
import java.util.Set;

/**
 * Turns an Anthropic Messages API request into the canonical chat request: {@code system} becomes
 * the system message, text and image blocks become content parts ({@code cache_control} kept on
 * text parts), {@code tool_use} blocks the assistant's tool calls, {@code tool_result} blocks tool
 * messages, {@code stop_sequences} becomes {@code stop}, tools and {@code tool_choice} take the
 * chat shape, {@code metadata.user_id} becomes {@code user}. What chat has no field for is dropped
 * on the way to a chat upstream (see {@link #DROPPED}); an Anthropic upstream gets the client's
 * body itself when no stage changed the request. Stateless.
 */
final class MessagesRequest {
  /** Accepted; no chat equivalent, so dropped when translated for a chat upstream. */
  static final Set<String> DROPPED =
      Set.of("top_k", "thinking", "service_tier", "container", "mcp_servers", "context_management");

  private MessagesRequest() {}

  /**
   * @param countOnly for {@code count_tokens}: {@code max_tokens} is not required
   * @throws ApiException with a 400 naming the field
   */
  static ObjectNode toChat(ObjectNode body, boolean countOnly) {
    ObjectNode chat = Json.MAPPER.createObjectNode();
    chat.put("model", ResponsesRequest.requiredString(body, "model"));
    JsonNode maxTokens = body.get("max_tokens");
    if (!countOnly) {
      if (maxTokens == null || maxTokens.isNull()) {
        throw invalid("max_tokens: Field required", "max_tokens");
      }
      if (!maxTokens.isIntegralNumber() || maxTokens.asLong() < 1) {
        throw invalid("max_tokens: Input should be a positive integer", "max_tokens");
      }
      chat.set("max_tokens", maxTokens);
    }
    ArrayNode messages = chat.putArray("messages");
    system(body.get("system"), messages);
    JsonNode turns = body.get("messages");
    if (turns == null || turns.isNull()) {
      throw invalid("messages: Field required", "messages");
    }
    if (!turns.isArray() || turns.isEmpty()) {
      throw invalid("messages: Input should be a non-empty list", "messages");
    }
    for (int i = 0; i < turns.size(); i++) {
      turn(turns.get(i), "messages." + i, messages);
    }
    if (bool(body, "stream")) {
      chat.put("stream", true);
      chat.putObject("stream_options").put("include_usage", true);
    }
    for (String field : new String[] {"temperature", "top_p"}) {
      JsonNode v = body.get(field);
      if (v != null && !v.isNull()) {
        if (!v.isNumber()) {
          throw invalid(field + ": Input should be a valid number", field);
        }
        chat.set(field, v);
      }
    }
    JsonNode stops = body.get("stop_sequences");
    if (stops != null && !stops.isNull()) {
      if (!stops.isArray()) {
        throw invalid("stop_sequences: Input should be a valid list", "stop_sequences");
      }
      if (!stops.isEmpty()) {
        chat.set("stop", stops);
      }
    }
    JsonNode user = body.path("metadata").get("user_id");
    if (user != null && user.isTextual()) {
      chat.set("user", user);
    }
    tools(body, chat);
    return chat;
  }

  private static void system(JsonNode system, ArrayNode messages) {
    if (system == null || system.isNull()) {
      return;
    }
    if (system.isTextual()) {
      messages.addObject().put("role", "system").put("content", system.asText());
      return;
    }
    if (!system.isArray()) {
      throw invalid("system: Input should be a valid string or list of text blocks", "system");
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < system.size(); i++) {
      JsonNode block = system.get(i);
      if (!"text".equals(block.path("type").asText()) || !block.path("text").isTextual()) {
        throw invalid("system." + i + ": system blocks must be text blocks", "system");
      }
      text.append(text.length() == 0 ? "" : "\n").append(block.get("text").asText());
    }
    messages.addObject().put("role", "system").put("content", text.toString());
  }

  private static void turn(JsonNode turn, String path, ArrayNode out) {
    if (!turn.isObject()) {
      throw invalid(path + ": Input should be a valid dictionary", path);
    }
    String role = turn.path("role").asText();
    if (!role.equals("user") && !role.equals("assistant")) {
      throw invalid(path + ".role: Input should be 'user' or 'assistant'", path + ".role");
    }
    JsonNode content = turn.get("content");
    if (content == null || content.isNull()) {
      throw invalid(path + ".content: Field required", path + ".content");
    }
    if (content.isTextual()) {
      out.addObject().put("role", role).put("content", content.asText());
      return;
    }
    if (!content.isArray()) {
      throw invalid(path + ".content: Input should be a valid string or list", path + ".content");
    }
    if (role.equals("assistant")) {
      assistant(content, path, out);
    } else {
      user(content, path, out);
    }
  }

  private static void user(JsonNode blocks, String path, ArrayNode out) {
    ArrayNode parts = Json.MAPPER.createArrayNode();
    for (int j = 0; j < blocks.size(); j++) {
      JsonNode block = blocks.get(j);
      String at = path + ".content." + j;
      String type = block.path("type").asText();
      switch (type) {
        case "text" -> parts.add(textPart(block, at));
        case "image" -> parts.add(image(block, at));
        case "tool_result" -> {
          ObjectNode tool = out.addObject();
          tool.put("role", "tool");
          tool.put("tool_call_id", ResponsesRequest.requiredString(block, "tool_use_id", at));
          String text = ResponsesRequest.text(block.get("content"));
          if (block.path("is_error").asBoolean(false)) {
            text = "Error: " + text;
          }
          tool.put("content", text);
        }
        case "thinking", "redacted_thinking" -> {}
        default ->
            throw invalid(
                at + ".type: blocks of type '" + type + "' are not supported by this gateway",
                at + ".type");
      }
    }
    if (!parts.isEmpty()) {
      ObjectNode message = out.addObject().put("role", "user");
      message.set("content", parts);
    }
  }

  private static void assistant(JsonNode blocks, String path, ArrayNode out) {
    ObjectNode message = Json.MAPPER.createObjectNode().put("role", "assistant");
    StringBuilder text = new StringBuilder();
    ArrayNode calls = Json.MAPPER.createArrayNode();
    for (int j = 0; j < blocks.size(); j++) {
      JsonNode block = blocks.get(j);
      String at = path + ".content." + j;
      String type = block.path("type").asText();
      switch (type) {
        case "text" -> text.append(ResponsesRequest.requiredString(block, "text", at + ".text"));
        case "tool_use" -> {
          ObjectNode call = calls.addObject();
          call.put("id", ResponsesRequest.requiredString(block, "id", at + ".id"));
          call.put("type", "function");
          ObjectNode fn = call.putObject("function");
          fn.put("name", ResponsesRequest.requiredString(block, "name", at + ".name"));
          JsonNode input = block.get("input");
          fn.put("arguments", input == null || input.isNull() ? "{}" : Json.toString(input));
        }
        case "thinking", "redacted_thinking" -> {
          // Thinking blocks only mean something to the model that wrote them.
        }
        default ->
            throw invalid(
                at + ".type: blocks of type '" + type + "' are not supported by this gateway",
                at + ".type");
      }
    }
    if (calls.isEmpty()) {
      message.put("content", text.toString());
    } else {
      if (text.length() == 0) {
        message.putNull("content");
      } else {
        message.put("content", text.toString());
      }
      message.set("tool_calls", calls);
    }
    out.add(message);
  }

  private static ObjectNode textPart(JsonNode block, String at) {
    ObjectNode part = Json.MAPPER.createObjectNode();
    part.put("type", "text");
    part.put("text", ResponsesRequest.requiredString(block, "text", at + ".text"));
    return part;
  }

  private static ObjectNode image(JsonNode block, String at) {
    JsonNode source = block.path("source");
    String type = source.path("type").asText();
    String url;
    if (type.equals("base64")) {
      url =
          "data:"
              + ResponsesRequest.requiredString(source, "media_type", at + ".source.media_type")
              + ";base64,"
              + ResponsesRequest.requiredString(source, "data", at + ".source.data");
    } else if (type.equals("url")) {
      url = ResponsesRequest.requiredString(source, "url", at + ".source.url");
    } else {
      throw invalid(at + ".source.type: Input should be 'base64' or 'url'", at + ".source.type");
    }
    ObjectNode part = Json.MAPPER.createObjectNode().put("type", "image_url");
    part.putObject("image_url").put("url", url);
    return part;
  }

  private static void tools(ObjectNode body, ObjectNode chat) {
    JsonNode tools = body.get("tools");
    if (tools != null && !tools.isNull()) {
      if (!tools.isArray()) {
        throw invalid("tools: Input should be a valid list", "tools");
      }
      if (!tools.isEmpty()) {
        ArrayNode out = chat.putArray("tools");
        for (int i = 0; i < tools.size(); i++) {
          JsonNode tool = tools.get(i);
          String type = tool.path("type").asText("custom");
          if (!type.equals("custom")) {
            throw invalid(
                "tools."
                    + i
                    + ".type: server tools ('"
                    + type
                    + "') are not supported by this"
                    + " gateway",
                "tools." + i + ".type");
          }
          ObjectNode fn = out.addObject().put("type", "function").putObject("function");
          fn.put("name", ResponsesRequest.requiredString(tool, "name", "tools." + i + ".name"));
          if (tool.path("description").isTextual()) {
            fn.set("description", tool.get("description"));
          }
          JsonNode schema = tool.get("input_schema");
          if (schema == null || !schema.isObject()) {
            throw invalid(
                "tools." + i + ".input_schema: Field required", "tools." + i + ".input_schema");
          }
          fn.set("parameters", schema);
        }
      }
    }
    JsonNode choice = body.get("tool_choice");
    if (choice == null || choice.isNull()) {
      return;
    }
    String type = choice.path("type").asText();
    switch (type) {
      case "auto" -> chat.put("tool_choice", "auto");
      case "any" -> chat.put("tool_choice", "required");
      case "none" -> chat.put("tool_choice", "none");
      case "tool" -> {
        ObjectNode c = chat.putObject("tool_choice").put("type", "function");
        c.putObject("function")
            .put("name", ResponsesRequest.requiredString(choice, "name", "tool_choice.name"));
      }
      default ->
          throw invalid(
              "tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'",
              "tool_choice.type");
    }
    if (choice.path("disable_parallel_tool_use").asBoolean(false) && !type.equals("none")) {
      chat.put("parallel_tool_calls", false);
    }
  }

  private static boolean bool(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw invalid(field + ": Input should be a valid boolean", field);
    }
    return v.asBoolean();
  }

  static ApiException invalid(String message, String param) {
    return new ApiException(ApiError.invalid(message, param, "invalid_request_error"));
  }

  /** Anthropic's stop reason for a canonical finish reason. */
  static String stopReason(String finish) {
    return switch (finish == null ? "stop" : finish.toLowerCase(Locale.ROOT)) {
      case "length" -> "max_tokens";
      case "tool_calls", "function_call" -> "tool_use";
      case "content_filter" -> "refusal";
      default -> "end_turn";
    };
  }
}
