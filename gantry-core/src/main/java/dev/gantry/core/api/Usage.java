package dev.gantry.core.api;

import com.fasterxml.jackson.databind.JsonNode;

/** Token usage of one completion, in tokens. */
public record Usage(long promptTokens, long completionTokens, long totalTokens) {
  public static final Usage ZERO = new Usage(0, 0, 0);

  /** Reads an OpenAI {@code usage} object; null when absent or not an object. */
  public static Usage fromOpenAi(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return null;
    }
    long prompt = usage.path("prompt_tokens").asLong(0);
    long completion = usage.path("completion_tokens").asLong(0);
    long total = usage.path("total_tokens").asLong(prompt + completion);
    return new Usage(prompt, completion, total);
  }
}
