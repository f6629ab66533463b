package dev.gantry.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** Checks one chat message (role, content and its parts, tool calls). Stateless. */
final class MessageValidator {
  private static final Set<String> ROLES =
      Set.of("system", "developer", "user", "assistant", "tool", "function");
  private static final Set<String> PART_TYPES =
      Set.of("text", "image_url", "input_audio", "file", "refusal");

  private MessageValidator() {}

  static ChatMessage message(JsonNode node, String path) {
    if (!node.isObject()) {
      throw Fields.wrongType(path, "an object", node);
    }
    ObjectNode msg = (ObjectNode) node;
    JsonNode roleNode = msg.get("role");
    if (roleNode == null || roleNode.isNull()) {
      throw Fields.missing(path + ".role");
    }
    if (!roleNode.isTextual()) {
      throw Fields.wrongType(path + ".role", "a string", roleNode);
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
        throw Fields.missing(path + ".content");
      }
      text = "";
    } else if (content.isTextual()) {
      text = content.asText();
    } else if (content.isArray()) {
      text = parts(content, path + ".content");
    } else {
      throw Fields.wrongType(path + ".content", "one of a string or array of objects", content);
    }
    if ("tool".equals(role)) {
      JsonNode id = msg.get("tool_call_id");
      if (id == null || id.isNull()) {
        throw Fields.missing(path + ".tool_call_id");
      }
      if (!id.isTextual()) {
        throw Fields.wrongType(path + ".tool_call_id", "a string", id);
      }
    }
    JsonNode name = msg.get("name");
    if (name != null && !name.isNull() && !name.isTextual()) {
      throw Fields.wrongType(path + ".name", "a string", name);
    }
    JsonNode toolCalls = msg.get("tool_calls");
    if (toolCalls != null && !toolCalls.isNull()) {
      if (!toolCalls.isArray()) {
        throw Fields.wrongType(path + ".tool_calls", "an array", toolCalls);
      }
      for (int i = 0; i < toolCalls.size(); i++) {
        String callPath = path + ".tool_calls[" + i + "]";
        JsonNode call = toolCalls.get(i);
        if (!call.isObject()) {
          throw Fields.wrongType(callPath, "an object", call);
        }
        Fields.requiredString((ObjectNode) call, "id", callPath + ".id");
        JsonNode fn = call.get("function");
        if (fn == null || !fn.isObject()) {
          throw fn == null
              ? Fields.missing(callPath + ".function")
              : Fields.wrongType(callPath + ".function", "an object", fn);
        }
        Fields.requiredString((ObjectNode) fn, "name", callPath + ".function.name");
        JsonNode args = fn.get("arguments");
        if (args != null && !args.isTextual()) {
          throw Fields.wrongType(callPath + ".function.arguments", "a string", args);
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
        throw Fields.wrongType(partPath, "an object", part);
      }
      JsonNode type = part.get("type");
      if (type == null || type.isNull()) {
        throw Fields.missing(partPath + ".type");
      }
      if (!type.isTextual()) {
        throw Fields.wrongType(partPath + ".type", "a string", type);
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
        String t = Fields.requiredString((ObjectNode) part, "text", partPath + ".text");
        if (text.length() > 0) {
          text.append('\n');
        }
        text.append(t);
      }
    }
    return text.toString();
  }
}
