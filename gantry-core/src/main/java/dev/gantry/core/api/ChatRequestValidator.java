package dev.gantry.core.api;

import com.fasterxml.jackson.databind.JsonNode;
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
  private static final Set<String> RESPONSE_FORMATS = Set.of("text", "json_object", "json_schema");

  private ChatRequestValidator() {}

  /**
   * Validates {@code body}.
   *
   * @throws ApiException with a 400 error naming the first problem found
   */
  public static ChatRequest validate(ObjectNode body) {
    String model = Fields.requiredString(body, "model");
    JsonNode messagesNode = body.get("messages");
    if (messagesNode == null || messagesNode.isNull()) {
      throw Fields.missing("messages");
    }
    if (!messagesNode.isArray()) {
      throw Fields.wrongType("messages", "an array", messagesNode);
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
      messages.add(MessageValidator.message(messagesNode.get(i), "messages[" + i + "]"));
    }

    boolean stream = Fields.optionalBoolean(body, "stream", false);
    boolean includeUsage = false;
    JsonNode streamOptions = body.get("stream_options");
    if (streamOptions != null && !streamOptions.isNull()) {
      if (!streamOptions.isObject()) {
        throw Fields.wrongType("stream_options", "an object", streamOptions);
      }
      if (!stream) {
        throw new ApiException(
            ApiError.invalid(
                "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
                "stream_options",
                "invalid_value"));
      }
      includeUsage = Fields.optionalBoolean((ObjectNode) streamOptions, "include_usage", false);
    }

    Fields.optionalNumber(body, "temperature", 0, 2);
    Fields.optionalNumber(body, "top_p", 0, 1);
    Fields.optionalNumber(body, "presence_penalty", -2, 2);
    Fields.optionalNumber(body, "frequency_penalty", -2, 2);
    Fields.optionalInteger(body, "n", 1, 128);
    Fields.optionalInteger(body, "max_tokens", 1, Integer.MAX_VALUE);
    Fields.optionalInteger(body, "max_completion_tokens", 1, Integer.MAX_VALUE);
    Fields.optionalInteger(body, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
    Fields.optionalBoolean(body, "logprobs", false);
    Fields.optionalInteger(body, "top_logprobs", 0, 20);
    Fields.optionalBoolean(body, "parallel_tool_calls", true);
    stop(body);
    user(body);
    metadata(body);
    tools(body);
    toolChoice(body);
    responseFormat(body);
    return new ChatRequest(body, model, messages, stream, includeUsage);
  }

  private static void stop(ObjectNode body) {
    JsonNode stop = body.get("stop");
    if (stop == null || stop.isNull() || stop.isTextual()) {
      return;
    }
    if (!stop.isArray()) {
      throw Fields.wrongType("stop", "one of a string or array of strings", stop);
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
        throw Fields.wrongType("stop[" + i + "]", "a string", stop.get(i));
      }
    }
  }

  private static void user(ObjectNode body) {
    JsonNode user = body.get("user");
    if (user != null && !user.isNull() && !user.isTextual()) {
      throw Fields.wrongType("user", "a string", user);
    }
  }

  private static void metadata(ObjectNode body) {
    JsonNode metadata = body.get("metadata");
    if (metadata == null || metadata.isNull()) {
      return;
    }
    if (!metadata.isObject()) {
      throw Fields.wrongType("metadata", "an object", metadata);
    }
    Iterator<Map.Entry<String, JsonNode>> fields = metadata.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      if (!e.getValue().isTextual()) {
        throw Fields.wrongType("metadata." + e.getKey(), "a string", e.getValue());
      }
    }
  }

  private static void tools(ObjectNode body) {
    JsonNode tools = body.get("tools");
    if (tools == null || tools.isNull()) {
      return;
    }
    if (!tools.isArray()) {
      throw Fields.wrongType("tools", "an array", tools);
    }
    for (int i = 0; i < tools.size(); i++) {
      String path = "tools[" + i + "]";
      JsonNode tool = tools.get(i);
      if (!tool.isObject()) {
        throw Fields.wrongType(path, "an object", tool);
      }
      String type = Fields.requiredString((ObjectNode) tool, "type", path + ".type");
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
          throw Fields.missing(path + ".function");
        }
        if (!fn.isObject()) {
          throw Fields.wrongType(path + ".function", "an object", fn);
        }
        Fields.requiredString((ObjectNode) fn, "name", path + ".function.name");
        JsonNode params = fn.get("parameters");
        if (params != null && !params.isNull() && !params.isObject()) {
          throw Fields.wrongType(path + ".function.parameters", "an object", params);
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
      throw Fields.wrongType("tool_choice", "one of a string or object", choice);
    }
  }

  private static void responseFormat(ObjectNode body) {
    JsonNode format = body.get("response_format");
    if (format == null || format.isNull()) {
      return;
    }
    if (!format.isObject()) {
      throw Fields.wrongType("response_format", "an object", format);
    }
    String type = Fields.requiredString((ObjectNode) format, "type", "response_format.type");
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
        throw Fields.missing("response_format.json_schema");
      }
      if (!schema.isObject()) {
        throw Fields.wrongType("response_format.json_schema", "an object", schema);
      }
      Fields.requiredString((ObjectNode) schema, "name", "response_format.json_schema.name");
      JsonNode inner = schema.get("schema");
      if (inner != null && !inner.isNull() && !inner.isObject()) {
        throw Fields.wrongType("response_format.json_schema.schema", "an object", inner);
      }
    }
  }
}
