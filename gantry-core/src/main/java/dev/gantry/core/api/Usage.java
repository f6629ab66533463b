package dev.gantry.core.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Token usage of one completion, in tokens, in the OpenAI convention: {@code promptTokens} counts
 * every input token, so cache reads and cache writes are parts of it, not additions to it; {@code
 * completionTokens} counts every output token, reasoning included.
 *
 * <p>How each provider maps onto it (translators do this, so every stage sees one shape):
 *
 * <ul>
 *   <li>OpenAI and Azure: {@code prompt_tokens}, {@code prompt_tokens_details.cached_tokens},
 *       {@code completion_tokens}, {@code completion_tokens_details.reasoning_tokens} as they are.
 *   <li>Anthropic: prompt = {@code input_tokens + cache_creation_input_tokens +
 *       cache_read_input_tokens} (Anthropic reports the three apart); cached = {@code
 *       cache_read_input_tokens}; cache writes split by TTL from {@code
 *       cache_creation.ephemeral_5m_input_tokens} / {@code ephemeral_1h_input_tokens} (all 5-minute
 *       when the split is absent).
 *   <li>Gemini: prompt = {@code promptTokenCount} (cached content included), cached = {@code
 *       cachedContentTokenCount}, completion = {@code candidatesTokenCount + thoughtsTokenCount},
 *       reasoning = {@code thoughtsTokenCount} ({@link #fromGemini}).
 * </ul>
 *
 * @param cachedTokens input tokens read from a prompt cache (part of {@code promptTokens})
 * @param cacheWrite5mTokens input tokens written to a 5-minute cache (part of {@code promptTokens})
 * @param cacheWrite1hTokens input tokens written to a 1-hour cache (part of {@code promptTokens})
 * @param reasoningTokens reasoning output tokens (part of {@code completionTokens})
 */
public record Usage(
    long promptTokens,
    long completionTokens,
    long totalTokens,
    long cachedTokens,
    long cacheWrite5mTokens,
    long cacheWrite1hTokens,
    long reasoningTokens) {
  public static final Usage ZERO = new Usage(0, 0, 0);

  public Usage(long promptTokens, long completionTokens, long totalTokens) {
    this(promptTokens, completionTokens, totalTokens, 0, 0, 0, 0);
  }

  /** Input tokens that were neither read from nor written to a cache. */
  public long uncachedPromptTokens() {
    return Math.max(0, promptTokens - cachedTokens - cacheWrite5mTokens - cacheWrite1hTokens);
  }

  /** Output tokens that are not reasoning tokens. */
  public long visibleCompletionTokens() {
    return Math.max(0, completionTokens - reasoningTokens);
  }

  /** This usage plus {@code other}, class by class. */
  public Usage plus(Usage other) {
    return new Usage(
        promptTokens + other.promptTokens,
        completionTokens + other.completionTokens,
        totalTokens + other.totalTokens,
        cachedTokens + other.cachedTokens,
        cacheWrite5mTokens + other.cacheWrite5mTokens,
        cacheWrite1hTokens + other.cacheWrite1hTokens,
        reasoningTokens + other.reasoningTokens);
  }

  /**
   * Reads an OpenAI {@code usage} object, including the token details and the Anthropic cache
   * fields that Gantry's Anthropic translation carries along; null when absent or not an object.
   */
  public static Usage fromOpenAi(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return null;
    }
    long prompt = usage.path("prompt_tokens").asLong(0);
    long completion = usage.path("completion_tokens").asLong(0);
    long total = usage.path("total_tokens").asLong(prompt + completion);
    JsonNode cachedNode = usage.path("prompt_tokens_details").path("cached_tokens");
    long cached =
        cachedNode.isNumber()
            ? cachedNode.asLong()
            : usage.path("cache_read_input_tokens").asLong(0);
    long writes = usage.path("cache_creation_input_tokens").asLong(0);
    JsonNode split = usage.path("cache_creation");
    long write1h = split.path("ephemeral_1h_input_tokens").asLong(0);
    long write5m =
        split.has("ephemeral_5m_input_tokens")
            ? split.path("ephemeral_5m_input_tokens").asLong(0)
            : Math.max(0, writes - write1h);
    long reasoning = usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0);
    return new Usage(
        prompt,
        completion,
        total,
        clamp(cached),
        clamp(write5m),
        clamp(write1h),
        Math.min(clamp(reasoning), Math.max(0, completion)));
  }

  /** Reads a Gemini {@code usageMetadata} object; null when absent or not an object. */
  public static Usage fromGemini(JsonNode meta) {
    if (meta == null || !meta.isObject()) {
      return null;
    }
    long prompt = meta.path("promptTokenCount").asLong(0);
    long thoughts = meta.path("thoughtsTokenCount").asLong(0);
    long completion = meta.path("candidatesTokenCount").asLong(0) + thoughts;
    return new Usage(
        prompt,
        completion,
        meta.path("totalTokenCount").asLong(prompt + completion),
        clamp(meta.path("cachedContentTokenCount").asLong(0)),
        0,
        0,
        clamp(thoughts));
  }

  private static long clamp(long v) {
    return Math.max(0, v);
  }
}
