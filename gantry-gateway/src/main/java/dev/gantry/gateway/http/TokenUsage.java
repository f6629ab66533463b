package dev.gantry.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A canonical (OpenAI chat) {@code usage} object read once, for rendering in another API's shape.
 * All counts are tokens.
 *
 * @param cachedInput prompt tokens read from the provider's prompt cache
 * @param cacheCreation prompt tokens written to the provider's prompt cache (Anthropic)
 */
record TokenUsage(long input, long output, long cachedInput, long cacheCreation, long reasoning) {
  static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0, 0);

  static TokenUsage of(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return NONE;
    }
    return new TokenUsage(
        usage.path("prompt_tokens").asLong(0),
        usage.path("completion_tokens").asLong(0),
        usage.path("prompt_tokens_details").path("cached_tokens").asLong(0),
        usage.path("prompt_tokens_details").path("cache_creation_tokens").asLong(0),
        usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0));
  }
}
