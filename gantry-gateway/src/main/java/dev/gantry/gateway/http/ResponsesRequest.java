package dev.gantry.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ApiException;
import dev.gantry.core.api.Json;
import java.util.Set;

/**
 * Turns an OpenAI Responses API request into the canonical chat request: {@code instructions}
 * becomes the system message, input items become messages ({@code function_call} items become the
 * assistant's tool calls, {@code function_call_output} items tool messages), function tools and
 * {@code tool_choice} take the chat shape, {@code text.format} becomes {@code response_format},
 * {@code max_output_tokens} becomes {@code max_tokens}. The stored conversation of a {@code
 * previous_response_id} goes before the new input (its instructions do not carry over, as in the
 * API). Fields with no chat equivalent are dropped ({@link #DROPPED}); features Gantry does not
 * serve are refused with a 400 naming the field. Stateless.
 */
final class ResponsesRequest {
  /** Accepted and not forwarded: Gantry handles them itself or they have no chat equivalent. */
  static final Set<String> DROPPED =
      Set.of(
          "store",
          "metadata",
          "include",
          "truncation",
          "service_tier",
          "prompt_cache_key",
          "previous_response_id",
          "max_tool_calls",
          "top_logprobs",
          "stream_options",
          "prompt_cache_retention");

  static final Set<String> KNOWN =
      Set.of(
          "model",
          "input",
          "instructions",
          "tools",
          "tool_choice",
          "text",
          "max_output_tokens",
          "temperature",
          "top_p",
          "parallel_tool_calls",
          "stream",
          "user",
          "safety_identifier",
          "reasoning",
          "background",
          "conversation",
          "prompt");

  private ResponsesRequest() {}

  /**
   * @param chat the canonical chat body
   * @param conversation the messages of the whole conversation so far (history, then this input),
   *     without the instructions; stored so that a later {@code previous_response_id} can continue
   */
  record Converted(ObjectNode chat, ArrayNode conversation) {}

  /**
   * @param history the stored conversation of {@code previous_response_id} (its messages and its
   *     answer), or null
   * @throws ApiException with a 400 naming the field
   */
  static Converted toChat(ObjectNode body, ArrayNode history) {
    String model = requiredString(body, "model");
    for (String unsupported : new String[] {"background", "conversation", "prompt"}) {
      JsonNode v = body.get(unsupported);
      if (v != null && !v.isNull() && !(v.isBoolean() && !v.asBoolean())) {
        throw invalid(
            "'" + unsupported + "' is not supported by this gateway.",
            unsupported,
            "unsupported_parameter");
      }
    }
    ObjectNode chat = Json.MAPPER.createObjectNode();
    chat.put("model", model);
    ArrayNode messages = chat.putArray("messages");
    JsonNode instructions = body.get("instructions");
    if (instructions != null && !instructions.isNull()) {
      if (!instructions.isTextual()) {
        throw invalid("'instructions' must be a string.", "instructions", "invalid_type");
      }
      messages.addObject().put("role", "system").put("content", instructions.asText());
    }
    ArrayNode conversation = Json.MAPPER.createArrayNode();
    if (history != null) {
      conversation.addAll(history);
    }
    input(body.get("input"), conversation);
    messages.addAll(conversation);
    if (messages.isEmpty()) {
      throw invalid("'input' must not be empty.", "input", "empty_array");
    }
    boolean stream = bool(body, "stream");
    if (stream) {
      chat.put("stream", true);
      chat.putObject("stream_options").put("include_usage", true);
    }
    number(body, "temperature", chat, "temperature");
    number(body, "top_p", chat, "top_p");
    JsonNode maxOutput = body.get("max_output_tokens");
    if (maxOutput != null && !maxOutput.isNull()) {
      if (!maxOutput.isIntegralNumber() || maxOutput.asLong() < 1) {
        throw invalid(
            "'max_output_tokens' must be a positive integer.",
            "max_output_tokens",
            "invalid_value");
      }
      chat.set("max_tokens", maxOutput);
    }
    JsonNode parallel = body.get("parallel_tool_calls");
    if (parallel != null && !parallel.isNull()) {
      if (!parallel.isBoolean()) {
        throw invalid(
            "'parallel_tool_calls' must be a boolean.", "parallel_tool_calls", "invalid_type");
      }
      chat.set("parallel_tool_calls", parallel);
    }
    JsonNode user = body.hasNonNull("user") ? body.get("user") : body.get("safety_identifier");
    if (user != null && user.isTextual()) {
      chat.set("user", user);
    }
    JsonNode effort = body.path("reasoning").path("effort");
    if (effort.isTextual()) {
      chat.set("reasoning_effort", effort);
    }
    tools(body, chat);
    format(body.get("text"), chat);
    return new Converted(chat, conversation);
  }

  private static void input(JsonNode input, ArrayNode out) {
    if (input == null || input.isNull()) {
      throw invalid("Missing required parameter: 'input'.", "input", "missing_required_parameter");
    }
    if (input.isTextual()) {
      out.addObject().put("role", "user").put("content", input.asText());
      return;
    }
    if (!input.isArray()) {
      throw invalid(
          "'input' must be a string or an array of input items.", "input", "invalid_type");
    }
    for (int i = 0; i < input.size(); i++) {
      JsonNode item = input.get(i);
      String path = "input[" + i + "]";
      if (!item.isObject()) {
        throw invalid("'" + path + "' must be an object.", path, "invalid_type");
      }
      String type = item.path("type").asText(item.has("role") ? "message" : "");
      switch (type) {
        case "message" -> out.add(message(item, path));
        case "function_call" -> functionCall(item, path, out);
        case "function_call_output" -> {
          ObjectNode tool = out.addObject();
          tool.put("role", "tool");
          tool.put("tool_call_id", requiredString(item, "call_id", path + ".call_id"));
          JsonNode output = item.get("output");
          tool.put(
              "content", output != null && output.isTextual() ? output.asText() : text(output));
        }
        case "reasoning" -> {
          // Reasoning items of an earlier turn carry no text a chat upstream can use.
        }
        default ->
            throw invalid(
                "Input items of type '" + type + "' are not supported by this gateway.",
                path + ".type",
                "unsupported_value");
      }
    }
  }

  private static ObjectNode message(JsonNode item, String path) {
    String role = item.path("role").asText();
    if (!Set.of("user", "assistant", "system", "developer").contains(role)) {
      throw invalid(
          "Invalid value for '"
              + path
              + ".role': expected one of user, assistant, system, developer.",
          path + ".role",
          "invalid_value");
    }
    ObjectNode message = Json.MAPPER.createObjectNode();
    message.put("role", role);
    JsonNode content = item.get("content");
    if (content == null || content.isNull()) {
      throw invalid(
          "Missing required parameter: '" + path + ".content'.",
          path + ".content",
          "missing_required_parameter");
    }
    if (content.isTextual()) {
      message.put("content", content.asText());
      return message;
    }
    if (!content.isArray()) {
      throw invalid(
          "'" + path + ".content' must be a string or an array.",
          path + ".content",
          "invalid_type");
    }
    boolean assistant = role.equals("assistant");
    ArrayNode parts = Json.MAPPER.createArrayNode();
    StringBuilder joined = new StringBuilder();
    for (int j = 0; j < content.size(); j++) {
      JsonNode part = content.get(j);
      String partPath = path + ".content[" + j + "]";
      String type = part.path("type").asText();
      switch (type) {
        case "input_text", "output_text", "text" -> {
          String text = requiredString(part, "text", partPath + ".text");
          parts.addObject().put("type", "text").put("text", text);
          joined.append(joined.length() == 0 ? "" : "\n").append(text);
        }
        case "refusal" -> {
          String text = part.path("refusal").asText();
          parts.addObject().put("type", "text").put("text", text);
          joined.append(joined.length() == 0 ? "" : "\n").append(text);
        }
        case "input_image" -> {
          if (assistant) {
            throw invalid(
                "Assistant messages cannot contain images.", partPath, "unsupported_value");
          }
          JsonNode url = part.get("image_url");
          if (url == null || !url.isTextual()) {
            throw invalid(
                "'"
                    + partPath
                    + ".image_url' is required: this gateway takes images as URLs or data URLs.",
                partPath + ".image_url",
                "missing_required_parameter");
          }
          ObjectNode image = parts.addObject().put("type", "image_url").putObject("image_url");
          image.set("url", url);
          if (part.path("detail").isTextual()) {
            image.set("detail", part.get("detail"));
          }
        }
        default ->
            throw invalid(
                "Content parts of type '" + type + "' are not supported by this gateway.",
                partPath + ".type",
                "unsupported_value");
      }
    }
    if (assistant || !role.equals("user")) {
      message.put("content", joined.toString());
    } else {
      message.set("content", parts);
    }
    return message;
  }

  /** Adds a tool call to the assistant message before it, or to a new one. */
  private static void functionCall(JsonNode item, String path, ArrayNode out) {
    ObjectNode call = Json.MAPPER.createObjectNode();
    call.put("id", requiredString(item, "call_id", path + ".call_id"));
    call.put("type", "function");
    ObjectNode fn = call.putObject("function");
    fn.put("name", requiredString(item, "name", path + ".name"));
    JsonNode arguments = item.get("arguments");
    fn.put("arguments", arguments != null && arguments.isTextual() ? arguments.asText() : "{}");
    JsonNode last = out.isEmpty() ? null : out.get(out.size() - 1);
    ObjectNode assistant;
    if (last != null && "assistant".equals(last.path("role").asText())) {
      assistant = (ObjectNode) last;
      if (assistant.path("content").isTextual() && assistant.get("content").asText().isEmpty()) {
        assistant.putNull("content");
      }
    } else {
      assistant = out.addObject();
      assistant.put("role", "assistant");
      assistant.putNull("content");
    }
    JsonNode calls = assistant.get("tool_calls");
    (calls instanceof ArrayNode a ? a : assistant.putArray("tool_calls")).add(call);
  }

  private static void tools(ObjectNode body, ObjectNode chat) {
    JsonNode tools = body.get("tools");
    if (tools != null && !tools.isNull()) {
      if (!tools.isArray()) {
        throw invalid("'tools' must be an array.", "tools", "invalid_type");
      }
      if (!tools.isEmpty()) {
        ArrayNode out = chat.putArray("tools");
        for (int i = 0; i < tools.size(); i++) {
          JsonNode tool = tools.get(i);
          String type = tool.path("type").asText();
          if (!"function".equals(type)) {
            throw invalid(
                "Tools of type '"
                    + type
                    + "' are not supported by this gateway; use 'function' tools.",
                "tools[" + i + "].type",
                "unsupported_value");
          }
          ObjectNode t = out.addObject().put("type", "function");
          ObjectNode fn = t.putObject("function");
          fn.put("name", requiredString(tool, "name", "tools[" + i + "].name"));
          for (String field : new String[] {"description", "parameters", "strict"}) {
            if (tool.hasNonNull(field)) {
              fn.set(field, tool.get(field));
            }
          }
        }
      }
    }
    JsonNode choice = body.get("tool_choice");
    if (choice == null || choice.isNull()) {
      return;
    }
    if (choice.isTextual()) {
      if (!Set.of("auto", "none", "required").contains(choice.asText())) {
        throw invalid(
            "Invalid value for 'tool_choice': expected auto, none, required or a function.",
            "tool_choice",
            "invalid_value");
      }
      chat.set("tool_choice", choice);
      return;
    }
    if (!"function".equals(choice.path("type").asText()) || !choice.path("name").isTextual()) {
      throw invalid(
          "This gateway supports tool_choice auto, none, required or"
              + " {\"type\":\"function\",\"name\":...}.",
          "tool_choice",
          "unsupported_value");
    }
    ObjectNode c = chat.putObject("tool_choice").put("type", "function");
    c.putObject("function").set("name", choice.get("name"));
  }

  private static void format(JsonNode text, ObjectNode chat) {
    if (text == null || text.isNull()) {
      return;
    }
    JsonNode format = text.get("format");
    if (format == null || format.isNull()) {
      return;
    }
    String type = format.path("type").asText();
    switch (type) {
      case "text" -> {}
      case "json_object" -> chat.putObject("response_format").put("type", "json_object");
      case "json_schema" -> {
        ObjectNode rf = chat.putObject("response_format").put("type", "json_schema");
        ObjectNode schema = rf.putObject("json_schema");
        schema.put("name", requiredString(format, "name", "text.format.name"));
        if (!format.path("schema").isObject()) {
          throw invalid(
              "Missing required parameter: 'text.format.schema'.",
              "text.format.schema",
              "missing_required_parameter");
        }
        schema.set("schema", format.get("schema"));
        for (String field : new String[] {"description", "strict"}) {
          if (format.hasNonNull(field)) {
            schema.set(field, format.get(field));
          }
        }
      }
      default ->
          throw invalid(
              "Invalid value for 'text.format.type': expected text, json_object or json_schema.",
              "text.format.type",
              "invalid_value");
    }
  }

  static String text(JsonNode content) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder out = new StringBuilder();
    for (JsonNode part : content) {
      JsonNode t = part.get("text");
      if (t != null && t.isTextual()) {
        out.append(out.length() == 0 ? "" : "\n").append(t.asText());
      }
    }
    return out.toString();
  }

  private static boolean bool(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw invalid("'" + field + "' must be a boolean.", field, "invalid_type");
    }
    return v.asBoolean();
  }

  private static void number(ObjectNode body, String field, ObjectNode out, String as) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return;
    }
    if (!v.isNumber()) {
      throw invalid("'" + field + "' must be a number.", field, "invalid_type");
    }
    out.set(as, v);
  }

  static String requiredString(JsonNode node, String field) {
    return requiredString(node, field, field);
  }

  static String requiredString(JsonNode node, String field, String param) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw invalid(
          "Missing required parameter: '" + param + "'.", param, "missing_required_parameter");
    }
    if (!v.isTextual() || v.asText().isEmpty()) {
      throw invalid("'" + param + "' must be a non-empty string.", param, "invalid_type");
    }
    return v.asText();
  }

  static ApiException invalid(String message, String param, String code) {
    return new ApiException(ApiError.invalid(message, param, code));
  }
}
