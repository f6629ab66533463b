package dev.gantry.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Reads an OpenAI (or Azure) chat completion request into a {@link ChatInput}. Stateless. */
final class OpenAiRequests {
  private OpenAiRequests() {}

  /**
   * @param deployment the Azure deployment, which replaces {@code model}; null on the OpenAI path
   * @throws SimError.Thrown with a 400 naming the bad field
   */
  static ChatInput chat(ObjectNode body, String deployment) {
    String model = deployment != null ? deployment : RequestFields.requireString(body, "model");
    JsonNode messages = RequestFields.requireArray(body, "messages");
    int promptTokens = 0;
    String lastUser = "";
    StringBuilder system = new StringBuilder();
    int[] running = new int[messages.size()];
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      if (!message.isObject() || !message.path("role").isTextual()) {
        throw RequestFields.invalid(
            "Each message must be an object with a string 'role'.", "messages[" + i + "]");
      }
      String text = RequestFields.text(message.get("content"));
      promptTokens += Tokens.count(text);
      running[i] = promptTokens;
      String role = message.get("role").asText();
      if ("user".equals(role)) {
        lastUser = text;
      } else if ("system".equals(role) || "developer".equals(role)) {
        system.append(system.length() == 0 ? "" : "\n").append(text);
      }
    }
    boolean stream = RequestFields.optionalBoolean(body, "stream", "stream");
    boolean includeUsage =
        stream
            && body.path("stream_options").isObject()
            && RequestFields.optionalBoolean(
                body.get("stream_options"), "include_usage", "stream_options.include_usage");
    int maxTokens =
        body.hasNonNull("max_completion_tokens")
            ? RequestFields.optionalInt(body, "max_completion_tokens", 1, Integer.MAX_VALUE, 0)
            : RequestFields.optionalInt(body, "max_tokens", 1, Integer.MAX_VALUE, 0);
    return new ChatInput(
        model,
        lastUser,
        system.toString(),
        promptTokens,
        maxTokens,
        RequestFields.stringOrList(body, "stop"),
        stream,
        includeUsage,
        RequestFields.optionalInt(body, "n", 1, 128, 1),
        promptTokens < PromptCache.OPENAI_MIN_TOKENS ? List.of() : prefixes(messages, running),
        PromptCache.Use.NONE);
  }

  /** A cacheable prefix at every message boundary (OpenAI caches automatically). */
  private static List<PromptCache.Point> prefixes(JsonNode messages, int[] running) {
    List<PromptCache.Point> out = new ArrayList<>();
    PrefixHash hash = new PrefixHash();
    for (int i = 0; i < messages.size(); i++) {
      hash.add(messages.get(i).toString());
      out.add(new PromptCache.Point(hash.value(), running[i], PromptCache.OPENAI_TTL_MS));
    }
    return out;
  }
}
