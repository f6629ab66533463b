package dev.gantry.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;

/** Renders a canonical chat completion as an Anthropic {@code message} object. Stateless. */
final class MessagesObject {
  private MessagesObject() {}

  static ObjectNode of(String id, String model, ObjectNode completion) {
    JsonNode choice = completion.path("choices").path(0);
    JsonNode message = choice.path("message");
    ObjectNode root = shell(id, model);
    ArrayNode content = root.putArray("content");
    JsonNode reasoning = message.get("reasoning_content");
    if (reasoning != null && reasoning.isTextual() && !reasoning.asText().isEmpty()) {
      ObjectNode thinking = content.addObject().put("type", "thinking");
      thinking.put("thinking", reasoning.asText());
      thinking.put("signature", message.path("reasoning_signature").asText(""));
    }
    JsonNode text = message.get("content");
    if (text != null && text.isTextual() && !text.asText().isEmpty()) {
      content.addObject().put("type", "text").put("text", text.asText());
    }
    for (JsonNode call : message.path("tool_calls")) {
      ObjectNode use = content.addObject().put("type", "tool_use");
      use.put("id", call.path("id").asText());
      use.put("name", call.path("function").path("name").asText());
      JsonNode input =
          Json.tryParse(
              call.path("function")
                  .path("arguments")
                  .asText("{}")
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      use.set("input", input != null && input.isObject() ? input : Json.MAPPER.createObjectNode());
    }
    root.put("stop_reason", MessagesRequest.stopReason(choice.path("finish_reason").asText(null)));
    root.putNull("stop_sequence");
    root.set("usage", usage(TokenUsage.of(completion.get("usage"))));
    return root;
  }

  static ObjectNode shell(String id, String model) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("id", id);
    root.put("type", "message");
    root.put("role", "assistant");
    root.put("model", model);
    return root;
  }

  /** Anthropic counts cached prompt tokens apart from {@code input_tokens}. */
  static ObjectNode usage(TokenUsage u) {
    ObjectNode usage = Json.MAPPER.createObjectNode();
    usage.put("input_tokens", Math.max(0, u.input() - u.cachedInput() - u.cacheCreation()));
    usage.put("cache_creation_input_tokens", u.cacheCreation());
    usage.put("cache_read_input_tokens", u.cachedInput());
    usage.put("output_tokens", u.output());
    return usage;
  }
}
