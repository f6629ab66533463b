package dev.gantry.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a chat completion body against the OpenAI contract and builds a {@link ChatRequest}.
 * Errors use OpenAI's wording and codes ({@code invalid_type}, {@code invalid_value}, {@code
 * missing_required_parameter}) and name the offending field in {@code param}. Fields Gantry does
 * not know are left alone and forwarded. Stateless and thread-safe.
 */
public final class ChatRequestValidator {
  private static final Set<String> ROLES =
      Set.of("system", "developer", "user", "assistant", "tool", "function");
  private static final Set<String> PART_TYPES =
      Set.of("text", "image_url", "input_audio", "file", "refusal");
  private static final Set<String> RESPONSE_FORMATS = Set.of("text", "json_object", "json_schema");

  private ChatRequestValidator() {}

  /**
   * Validates {@code body}.
   *
   * @throws ApiException with a 400 error naming the first problem found
   */
  public static ChatRequest validate(ObjectNode body) {
    String model = requiredString(body, "model");
    JsonNode messagesNode = body.get("messages");
    if (messagesNode == null || messagesNode.isNull()) {
      throw missing("messages");
    }
    if (!messagesNode.isArray()) {
      throw wrongType("messages", "an array", messagesNode);
    }
    if (messagesNode.isEmpty()) {
      throw new ApiException(
          ApiError.invalid(
              "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an"
                  + " empty array instead.",
              "messages",
              "empty_array"));
    }
    List<ChatMessage> messages = new ArrayList<>(messagesNode.size());
    for (int i = 0; i < messagesNode.size(); i++) {
      messages.add(message(messagesNode.get(i), "messages[" + i + "]"));
    }

    boolean stream = optionalBoolean(body, "stream", false);
    boolean includeUsage = false;
    JsonNode streamOptions = body.get("stream_options");
    if (streamOptions != null && !streamOptions.isNull()) {
      if (!streamOptions.isObject()) {
        throw wrongType("stream_options", "an object", streamOptions);
      }
      if (!stream) {
        throw new ApiException(
            ApiError.invalid(
                "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
                "stream_options",
                "invalid_value"));
      }
      includeUsage = optionalBoolean((ObjectNode) streamOptions, "include_usage", false);
    }

    optionalNumber(body, "temperature", 0, 2);
    optionalNumber(body, "top_p", 0, 1);
    optionalNumber(body, "presence_penalty", -2, 2);
    optionalNumber(body, "frequency_penalty", -2, 2);
    optionalInteger(body, "n", 1, 128);
    optionalInteger(body, "max_tokens", 1, Integer.MAX_VALUE);
    optionalInteger(body, "max_completion_tokens", 1, Integer.MAX_VALUE);
    optionalInteger(body, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
    optionalBoolean(body, "logprobs", false);
    optionalInteger(body, "top_logprobs", 0, 20);
    optionalBoolean(body, "parallel_tool_calls", true);
    stop(body);
    user(body);
    metadata(body);
    tools(body);
    toolChoice(body);
    responseFormat(body);
    return new ChatRequest(body, model, messages, stream, includeUsage);
  }

  private static ChatMessage message(JsonNode node, String path) {
    if (!node.isObject()) {
      throw wrongType(path, "an object", node);
    }
    ObjectNode msg = (ObjectNode) node;
    JsonNode roleNode = msg.get("role");
    if (roleNode == null || roleNode.isNull()) {
      throw missing(path + ".role");
    }
    if (!roleNode.isTextual()) {
      throw wrongType(path + ".role", "a string", roleNode);
    }
    String role = roleNode.asText();
    if (!ROLES.contains(role)) {
      throw new ApiException(
          ApiError.invalid(
              "Invalid value: '"
                  + role
                  + "'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool',"
                  + " and 'developer'.",
              path + ".role",
              "invalid_value"));
    }
    JsonNode content = msg.get("content");
    String text;
    if (content == null || content.isNull()) {
      boolean mayOmit =
          "assistant".equals(role) && (msg.has("tool_calls") || msg.has("function_call"));
      if (!mayOmit && !"assistant".equals(role)) {
        throw missing(path + ".content");
      }
      text = "";
    } else if (content.isTextual()) {
      text = content.asText();
    } else if (content.isArray()) {
      text = parts(content, path + ".content");
    } else {
      throw wrongType(path + ".content", "one of a string or array of objects", content);
    }
    if ("tool".equals(role)) {
      JsonNode id = msg.get("tool_call_id");
      if (id == null || id.isNull()) {
        throw missing(path + ".tool_call_id");
      }
      if (!id.isTextual()) {
        throw wrongType(path + ".tool_call_id", "a string", id);
      }
    }
    JsonNode name = msg.get("name");
    if (name != null && !name.isNull() && !name.isTextual()) {
      throw wrongType(path + ".name", "a string", name);
    }
    JsonNode toolCalls = msg.get("tool_calls");
    if (toolCalls != null && !toolCalls.isNull()) {
      if (!toolCalls.isArray()) {
        throw wrongType(path + ".tool_calls", "an array", toolCalls);
      }
      for (int i = 0; i < toolCalls.size(); i++) {
        String callPath = path + ".tool_calls[" + i + "]";
        JsonNode call = toolCalls.get(i);
        if (!call.isObject()) {
          throw wrongType(callPath, "an object", call);
        }
        requiredString((ObjectNode) call, "id", callPath + ".id");
        JsonNode fn = call.get("function");
        if (fn == null || !fn.isObject()) {
          throw fn == null
              ? missing(callPath + ".function")
              : wrongType(callPath + ".function", "an object", fn);
        }
        requiredString((ObjectNode) fn, "name", callPath + ".function.name");
        JsonNode args = fn.get("arguments");
        if (args != null && !args.isTextual()) {
          throw wrongType(callPath + ".function.arguments", "a string", args);
        }
      }
    }
    return new ChatMessage(role, text, msg);
  }

  private static String parts(JsonNode content, String path) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < content.size(); i++) {
      String partPath = path + "[" + i + "]";
      JsonNode part = content.get(i);
      if (!part.isObject()) {
        throw wrongType(partPath, "an object", part);
      }
      JsonNode type = part.get("type");
      if (type == null || type.isNull()) {
        throw missing(partPath + ".type");
      }
      if (!type.isTextual()) {
        throw wrongType(partPath + ".type", "a string", type);
      }
      if (!PART_TYPES.contains(type.asText())) {
        throw new ApiException(
            ApiError.invalid(
                "Invalid value: '"
                    + type.asText()
                    + "'. Supported values are: 'text', 'image_url', 'input_audio', 'file' and"
                    + " 'refusal'.",
                partPath + ".type",
                "invalid_value"));
      }
      if ("text".equals(type.asText())) {
        String t = requiredString((ObjectNode) part, "text", partPath + ".text");
        if (text.length() > 0) {
          text.append('\n');
        }
        text.append(t);
      }
    }
    return text.toString();
  }

  private static void stop(ObjectNode body) {
    JsonNode stop = body.get("stop");
    if (stop == null || stop.isNull() || stop.isTextual()) {
      return;
    }
    if (!stop.isArray()) {
      throw wrongType("stop", "one of a string or array of strings", stop);
    }
    if (stop.size() > 4) {
      throw new ApiException(
          ApiError.invalid(
              "Invalid 'stop': array too long. Expected an array with maximum length 4, but got an"
                  + " array with length "
                  + stop.size()
                  + " instead.",
              "stop",
              "array_above_max_length"));
    }
    for (int i = 0; i < stop.size(); i++) {
      if (!stop.get(i).isTextual()) {
        throw wrongType("stop[" + i + "]", "a string", stop.get(i));
      }
    }
  }

  private static void user(ObjectNode body) {
    JsonNode user = body.get("user");
    if (user != null && !user.isNull() && !user.isTextual()) {
      throw wrongType("user", "a string", user);
    }
  }

  private static void metadata(ObjectNode body) {
    JsonNode metadata = body.get("metadata");
    if (metadata == null || metadata.isNull()) {
      return;
    }
    if (!metadata.isObject()) {
      throw wrongType("metadata", "an object", metadata);
    }
    Iterator<Map.Entry<String, JsonNode>> fields = metadata.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      if (!e.getValue().isTextual()) {
        throw wrongType("metadata." + e.getKey(), "a string", e.getValue());
      }
    }
  }

  private static void tools(ObjectNode body) {
    JsonNode tools = body.get("tools");
    if (tools == null || tools.isNull()) {
      return;
    }
    if (!tools.isArray()) {
      throw wrongType("tools", "an array", tools);
    }
    for (int i = 0; i < tools.size(); i++) {
      String path = "tools[" + i + "]";
      JsonNode tool = tools.get(i);
      if (!tool.isObject()) {
        throw wrongType(path, "an object", tool);
      }
      String type = requiredString((ObjectNode) tool, "type", path + ".type");
      if (!"function".equals(type) && !"custom".equals(type)) {
        throw new ApiException(
            ApiError.invalid(
                "Invalid value: '" + type + "'. Supported values are: 'function' and 'custom'.",
                path + ".type",
                "invalid_value"));
      }
      if ("function".equals(type)) {
        JsonNode fn = tool.get("function");
        if (fn == null || fn.isNull()) {
          throw missing(path + ".function");
        }
        if (!fn.isObject()) {
          throw wrongType(path + ".function", "an object", fn);
        }
        requiredString((ObjectNode) fn, "name", path + ".function.name");
        JsonNode params = fn.get("parameters");
        if (params != null && !params.isNull() && !params.isObject()) {
          throw wrongType(path + ".function.parameters", "an object", params);
        }
      }
    }
  }

  private static void toolChoice(ObjectNode body) {
    JsonNode choice = body.get("tool_choice");
    if (choice == null || choice.isNull()) {
      return;
    }
    if (choice.isTextual()) {
      String v = choice.asText();
      if (!Set.of("none", "auto", "required").contains(v)) {
        throw new ApiException(
            ApiError.invalid(
                "Invalid value: '" + v + "'. Supported values are: 'none', 'auto', and 'required'.",
                "tool_choice",
                "invalid_value"));
      }
      return;
    }
    if (!choice.isObject()) {
      throw wrongType("tool_choice", "one of a string or object", choice);
    }
  }

  private static void responseFormat(ObjectNode body) {
    JsonNode format = body.get("response_format");
    if (format == null || format.isNull()) {
      return;
    }
    if (!format.isObject()) {
      throw wrongType("response_format", "an object", format);
    }
    String type = requiredString((ObjectNode) format, "type", "response_format.type");
    if (!RESPONSE_FORMATS.contains(type)) {
      throw new ApiException(
          ApiError.invalid(
              "Invalid value: '"
                  + type
                  + "'. Supported values are: 'text', 'json_object', and 'json_schema'.",
              "response_format.type",
              "invalid_value"));
    }
    if ("json_schema".equals(type)) {
      JsonNode schema = format.get("json_schema");
      if (schema == null || schema.isNull()) {
        throw missing("response_format.json_schema");
      }
      if (!schema.isObject()) {
        throw wrongType("response_format.json_schema", "an object", schema);
      }
      requiredString((ObjectNode) schema, "name", "response_format.json_schema.name");
      JsonNode inner = schema.get("schema");
      if (inner != null && !inner.isNull() && !inner.isObject()) {
        throw wrongType("response_format.json_schema.schema", "an object", inner);
      }
    }
  }

  static String requiredString(ObjectNode node, String field) {
    return requiredString(node, field, field);
  }

  static String requiredString(ObjectNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw missing(path);
    }
    if (!value.isTextual()) {
      throw wrongType(path, "a string", value);
    }
    return value.asText();
  }

  private static boolean optionalBoolean(ObjectNode node, String field, boolean dflt) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return dflt;
    }
    if (!value.isBoolean()) {
      throw wrongType(field, "a boolean", value);
    }
    return value.booleanValue();
  }

  private static void optionalNumber(ObjectNode node, String field, double min, double max) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return;
    }
    if (!value.isNumber()) {
      throw wrongType(field, "a number", value);
    }
    double v = value.doubleValue();
    if (v < min || v > max) {
      throw new ApiException(
          ApiError.invalid(
              "Invalid '"
                  + field
                  + "': "
                  + value.asText()
                  + " is outside the allowed range ["
                  + fmt(min)
                  + ", "
                  + fmt(max)
                  + "].",
              field,
              "invalid_value"));
    }
  }

  private static void optionalInteger(ObjectNode node, String field, long min, long max) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return;
    }
    if (!value.isIntegralNumber()) {
      throw wrongType(field, "an integer", value);
    }
    if (!value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
      throw new ApiException(
          ApiError.invalid(
              "Invalid '"
                  + field
                  + "': "
                  + value.asText()
                  + " is outside the allowed range ["
                  + min
                  + ", "
                  + max
                  + "].",
              field,
              "invalid_value"));
    }
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  static ApiException missing(String path) {
    return new ApiException(
        ApiError.invalid(
            "Missing required parameter: '" + path + "'.", path, "missing_required_parameter"));
  }

  static ApiException wrongType(String path, String expected, JsonNode actual) {
    return new ApiException(
        ApiError.invalid(
            "Invalid type for '"
                + path
                + "': expected "
                + expected
                + ", but got "
                + describe(actual)
                + " instead.",
            path,
            "invalid_type"));
  }

  private static String describe(JsonNode node) {
    JsonNodeType type = node.getNodeType();
    switch (type) {
      case STRING:
        return "a string";
      case NUMBER:
        return node.isIntegralNumber() ? "an integer" : "a decimal";
      case BOOLEAN:
        return "a boolean";
      case ARRAY:
        return "an array";
      case OBJECT:
        return "an object";
      case NULL:
        return "null";
      default:
        return type.name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
