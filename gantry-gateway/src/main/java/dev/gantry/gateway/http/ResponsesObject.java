package dev.gantry.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.Json;

/**
 * Builds OpenAI Responses API {@code response} objects: the shell that echoes the request's
 * settings, output items made from a canonical chat completion, the usage, and the conversation
 * messages an answer adds for a later {@code previous_response_id}. Stateless.
 */
final class ResponsesObject {
  private ResponsesObject() {}

  /** The response object with no output yet ({@code status} e.g. {@code in_progress}). */
  static ObjectNode shell(String id, long createdAt, ObjectNode request, String status) {
    ObjectNode r = Json.MAPPER.createObjectNode();
    r.put("id", id);
    r.put("object", "response");
    r.put("created_at", createdAt);
    r.put("status", status);
    r.put("background", false);
    r.putNull("error");
    r.putNull("incomplete_details");
    copy(request, "instructions", r);
    copy(request, "max_output_tokens", r);
    r.put("model", request.path("model").asText());
    r.putArray("output");
    r.put("parallel_tool_calls", request.path("parallel_tool_calls").asBoolean(true));
    copy(request, "previous_response_id", r);
    ObjectNode reasoning = r.putObject("reasoning");
    reasoning.set("effort", nullable(request.path("reasoning").get("effort")));
    reasoning.set("summary", nullable(request.path("reasoning").get("summary")));
    r.put("store", request.path("store").asBoolean(true));
    r.put("temperature", request.path("temperature").asDouble(1.0));
    ObjectNode text = r.putObject("text");
    JsonNode format = request.path("text").get("format");
    if (format != null && format.isObject()) {
      text.set("format", format);
    } else {
      text.putObject("format").put("type", "text");
    }
    JsonNode choice = request.get("tool_choice");
    r.set(
        "tool_choice",
        choice == null || choice.isNull() ? Json.MAPPER.valueToTree("auto") : choice);
    JsonNode tools = request.get("tools");
    r.set("tools", tools != null && tools.isArray() ? tools : Json.MAPPER.createArrayNode());
    r.put("top_p", request.path("top_p").asDouble(1.0));
    r.put("truncation", request.path("truncation").asText("disabled"));
    r.putNull("usage");
    copy(request, "user", r);
    JsonNode metadata = request.get("metadata");
    r.set(
        "metadata",
        metadata != null && metadata.isObject() ? metadata : Json.MAPPER.createObjectNode());
    return r;
  }

  /** Completes {@code shell} from a canonical completion: output items, status and usage. */
  static ObjectNode complete(ObjectNode shell, ObjectNode completion) {
    JsonNode choice = completion.path("choices").path(0);
    JsonNode message = choice.path("message");
    ArrayNode output = shell.putArray("output");
    String reasoning = textOf(message, "reasoning_content");
    if (reasoning != null && !reasoning.isEmpty()) {
      output.add(reasoningItem(OpaqueIds.next("rs_"), reasoning));
    }
    String content = textOf(message, "content");
    String refusal = textOf(message, "refusal");
    if ((content != null && !content.isEmpty()) || refusal != null) {
      ObjectNode part =
          refusal != null && (content == null || content.isEmpty())
              ? Json.MAPPER.createObjectNode().put("type", "refusal").put("refusal", refusal)
              : textPart(content);
      output.add(messageItem(OpaqueIds.next("msg_"), "completed", part));
    }
    for (JsonNode call : message.path("tool_calls")) {
      JsonNode fn = call.path("function");
      output.add(
          functionCallItem(
              OpaqueIds.next("fc_"),
              call.path("id").asText(),
              fn.path("name").asText(),
              fn.path("arguments").asText(""),
              "completed"));
    }
    finish(
        shell, choice.path("finish_reason").asText("stop"), TokenUsage.of(completion.get("usage")));
    return shell;
  }

  /** Sets {@code status}, {@code incomplete_details} and {@code usage} for how the answer ended. */
  static void finish(ObjectNode shell, String finishReason, TokenUsage usage) {
    if ("length".equals(finishReason) || "content_filter".equals(finishReason)) {
      shell.put("status", "incomplete");
      shell
          .putObject("incomplete_details")
          .put("reason", "length".equals(finishReason) ? "max_output_tokens" : "content_filter");
    } else {
      shell.put("status", "completed");
    }
    shell.set("usage", usage(usage));
  }

  /** Marks {@code shell} failed with {@code error}. */
  static ObjectNode failed(ObjectNode shell, ApiError error) {
    shell.put("status", "failed");
    ObjectNode e = shell.putObject("error");
    e.put("code", error.code() == null ? "server_error" : error.code());
    e.put("message", error.message());
    return shell;
  }

  static ObjectNode usage(TokenUsage u) {
    ObjectNode usage = Json.MAPPER.createObjectNode();
    usage.put("input_tokens", u.input());
    usage.putObject("input_tokens_details").put("cached_tokens", u.cachedInput());
    usage.put("output_tokens", u.output());
    usage.putObject("output_tokens_details").put("reasoning_tokens", u.reasoning());
    usage.put("total_tokens", u.input() + u.output());
    return usage;
  }

  static ObjectNode textPart(String text) {
    ObjectNode part = Json.MAPPER.createObjectNode();
    part.put("type", "output_text");
    part.put("text", text);
    part.putArray("annotations");
    part.putArray("logprobs");
    return part;
  }

  static ObjectNode messageItem(String id, String status, ObjectNode part) {
    ObjectNode item = Json.MAPPER.createObjectNode();
    item.put("id", id);
    item.put("type", "message");
    item.put("status", status);
    item.put("role", "assistant");
    ArrayNode content = item.putArray("content");
    if (part != null) {
      content.add(part);
    }
    return item;
  }

  static ObjectNode functionCallItem(
      String id, String callId, String name, String arguments, String status) {
    ObjectNode item = Json.MAPPER.createObjectNode();
    item.put("id", id);
    item.put("type", "function_call");
    item.put("status", status);
    item.put("arguments", arguments);
    item.put("call_id", callId);
    item.put("name", name);
    return item;
  }

  static ObjectNode reasoningItem(String id, String summary) {
    ObjectNode item = Json.MAPPER.createObjectNode();
    item.put("id", id);
    item.put("type", "reasoning");
    ArrayNode parts = item.putArray("summary");
    if (summary != null) {
      parts.addObject().put("type", "summary_text").put("text", summary);
    }
    return item;
  }

  /** The chat messages an answer's output items add to the conversation. */
  static ArrayNode conversationOf(JsonNode output) {
    ArrayNode messages = Json.MAPPER.createArrayNode();
    ObjectNode assistant = null;
    for (JsonNode item : output) {
      String type = item.path("type").asText();
      if (type.equals("message")) {
        assistant = messages.addObject().put("role", "assistant");
        assistant.put("content", ResponsesRequest.text(item.get("content")));
      } else if (type.equals("function_call")) {
        if (assistant == null) {
          assistant = messages.addObject().put("role", "assistant");
          assistant.putNull("content");
        }
        JsonNode calls = assistant.get("tool_calls");
        ArrayNode list = calls instanceof ArrayNode a ? a : assistant.putArray("tool_calls");
        ObjectNode call = list.addObject();
        call.put("id", item.path("call_id").asText());
        call.put("type", "function");
        call.putObject("function")
            .put("name", item.path("name").asText())
            .put("arguments", item.path("arguments").asText());
      }
    }
    return messages;
  }

  /** Chat messages as Responses input items (for an upstream that speaks Responses itself). */
  static ArrayNode itemsOf(JsonNode messages) {
    ArrayNode items = Json.MAPPER.createArrayNode();
    for (JsonNode m : messages) {
      String role = m.path("role").asText();
      if (role.equals("tool")) {
        items
            .addObject()
            .put("type", "function_call_output")
            .put("call_id", m.path("tool_call_id").asText())
            .put("output", ResponsesRequest.text(m.get("content")));
        continue;
      }
      JsonNode content = m.get("content");
      if (content != null && content.isArray()) {
        ObjectNode item = items.addObject().put("role", role);
        ArrayNode parts = item.putArray("content");
        for (JsonNode part : content) {
          if (part.path("type").asText().equals("image_url")) {
            parts
                .addObject()
                .put("type", "input_image")
                .put("image_url", part.path("image_url").path("url").asText());
          } else {
            parts
                .addObject()
                .put("type", role.equals("assistant") ? "output_text" : "input_text")
                .put("text", part.path("text").asText());
          }
        }
      } else if (content != null && content.isTextual() && !content.asText().isEmpty()) {
        items.addObject().put("role", role).put("content", content.asText());
      }
      for (JsonNode call : m.path("tool_calls")) {
        items
            .addObject()
            .put("type", "function_call")
            .put("call_id", call.path("id").asText())
            .put("name", call.path("function").path("name").asText())
            .put("arguments", call.path("function").path("arguments").asText());
      }
    }
    return items;
  }

  private static String textOf(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  private static void copy(ObjectNode from, String field, ObjectNode to) {
    JsonNode v = from.get(field);
    to.set(field, v == null ? Json.MAPPER.nullNode() : v);
  }

  private static JsonNode nullable(JsonNode v) {
    return v == null ? Json.MAPPER.nullNode() : v;
  }
}
