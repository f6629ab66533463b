package dev.gantry.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reads an Anthropic Messages request into a {@link ChatInput}. Stateless. */
final class AnthropicRequests {
  private AnthropicRequests() {}

  /**
   * @throws SimError.Thrown with a 400 naming the bad field
   */
  static ChatInput messages(ObjectNode body) {
    String model = RequestFields.requireString(body, "model");
    if (!body.hasNonNull("max_tokens")) {
      throw RequestFields.invalid("max_tokens: Field required", "max_tokens");
    }
    int maxTokens = RequestFields.optionalInt(body, "max_tokens", 1, Integer.MAX_VALUE, 0);
    JsonNode messages = RequestFields.requireArray(body, "messages");
    int inputTokens = Tokens.count(RequestFields.text(body.get("system")));
    String lastUser = "";
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      if (!message.isObject() || !message.path("role").isTextual()) {
        throw RequestFields.invalid(
            "messages." + i + ": each message needs a string 'role' and 'content'.", "messages");
      }
      String text = RequestFields.text(message.get("content"));
      inputTokens += Tokens.count(text);
      if ("user".equals(message.get("role").asText())) {
        lastUser = text;
      }
    }
    return new ChatInput(
        model,
        lastUser,
        RequestFields.text(body.get("system")),
        inputTokens,
        maxTokens,
        RequestFields.stringOrList(body, "stop_sequences"),
        RequestFields.optionalBoolean(body, "stream", "stream"),
        false,
        1);
  }
}
