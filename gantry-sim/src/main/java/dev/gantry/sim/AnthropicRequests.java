package dev.gantry.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

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
    Breakpoints points = new Breakpoints();
    for (JsonNode tool : body.path("tools")) {
      points.block(tool, 0);
    }
    JsonNode system = body.get("system");
    int inputTokens = Tokens.count(RequestFields.text(system));
    if (system != null && system.isArray()) {
      for (JsonNode block : system) {
        points.block(block, Tokens.count(blockText(block)));
      }
    } else if (system != null && system.isTextual()) {
      points.block(system, inputTokens);
    }
    String lastUser = "";
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      if (!message.isObject() || !message.path("role").isTextual()) {
        throw RequestFields.invalid(
            "messages." + i + ": each message needs a string 'role' and 'content'.", "messages");
      }
      JsonNode content = message.get("content");
      String text = RequestFields.text(content);
      inputTokens += Tokens.count(text);
      if (content != null && content.isArray()) {
        for (JsonNode block : content) {
          points.block(block, Tokens.count(blockText(block)));
        }
      } else {
        points.block(content == null ? body.nullNode() : content, Tokens.count(text));
      }
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
        1,
        points.points,
        PromptCache.Use.NONE);
  }

  private static String blockText(JsonNode block) {
    if (block.isTextual()) {
      return block.asText();
    }
    if (block.path("text").isTextual()) {
      return block.get("text").asText();
    }
    return RequestFields.text(block.get("content"));
  }

  /**
   * The request's {@code cache_control} breakpoints, in Anthropic's order: tools, system, messages.
   */
  private static final class Breakpoints {
    final PrefixHash hash = new PrefixHash();
    final List<PromptCache.Point> points = new ArrayList<>();
    int tokens;

    void block(JsonNode block, int blockTokens) {
      hash.add(block.toString());
      tokens += blockTokens;
      JsonNode mark = block.path("cache_control");
      if (mark.isObject()) {
        long ttl = "1h".equals(mark.path("ttl").asText()) ? 3_600_000L : 300_000L;
        points.add(new PromptCache.Point(hash.value(), tokens, ttl));
      }
    }
  }
}
