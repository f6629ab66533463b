package dev.gantry.core.config;

import java.util.Objects;

/**
 * Limits on one request ({@code routes.<name>.budget}, or {@code cost.keys.<key id>}). Zero means
 * "no limit" for each field.
 *
 * @param maxInputTokens most input tokens (Gantry's count of the messages and tools as sent)
 * @param onExcess what to do with a request above {@code maxInputTokens}
 * @param maxOutputTokens cap on {@code max_tokens}/{@code max_completion_tokens}: lowered to it, or
 *     set to it when the request gives none
 * @param maxCostMicros most a request may cost in the worst case (input cost plus the output cap at
 *     the output price), USD micro-units; dearer requests are refused with 400
 */
public record RequestBudget(
    int maxInputTokens, OnExcess onExcess, int maxOutputTokens, long maxCostMicros) {

  /** No limits. */
  public static final RequestBudget NONE = new RequestBudget(0, OnExcess.REJECT, 0, 0);

  /** What happens to a request with more input tokens than allowed. */
  public enum OnExcess {
    /** 400 {@code context_budget_exceeded}. */
    REJECT,
    /** Drop the oldest turns that are not system messages until it fits (recorded). */
    TRIM
  }

  public RequestBudget {
    Objects.requireNonNull(onExcess, "onExcess");
    if (maxInputTokens < 0 || maxOutputTokens < 0 || maxCostMicros < 0) {
      throw new IllegalArgumentException("budget limits must be >= 0");
    }
  }

  public boolean isNone() {
    return maxInputTokens == 0 && maxOutputTokens == 0 && maxCostMicros == 0;
  }

  /** The stricter of two budgets, field by field (a trim wins over a reject only if both trim). */
  public RequestBudget stricter(RequestBudget other) {
    if (other == null || other.isNone()) {
      return this;
    }
    if (isNone()) {
      return other;
    }
    return new RequestBudget(
        min(maxInputTokens, other.maxInputTokens),
        onExcess == OnExcess.TRIM && other.onExcess == OnExcess.TRIM
            ? OnExcess.TRIM
            : OnExcess.REJECT,
        min(maxOutputTokens, other.maxOutputTokens),
        minLong(maxCostMicros, other.maxCostMicros));
  }

  private static int min(int a, int b) {
    return a == 0 ? b : b == 0 ? a : Math.min(a, b);
  }

  private static long minLong(long a, long b) {
    return a == 0 ? b : b == 0 ? a : Math.min(a, b);
  }
}
