package dev.gantry.core.cost;

import java.util.Objects;

/**
 * A long-context price tier: when a request's input (all prompt tokens, cached and cache writes
 * included) exceeds {@code aboveInputTokens}, every token of it is billed at {@code prices}, as
 * Gemini (above 128K or 200K) and Claude Sonnet's 1M-context window (above 200K) do.
 */
public record LongContext(long aboveInputTokens, TokenPrices prices) {
  public LongContext {
    if (aboveInputTokens < 1) {
      throw new IllegalArgumentException(
          "long_context.above_input_tokens must be >= 1, was " + aboveInputTokens);
    }
    Objects.requireNonNull(prices, "prices");
  }
}
