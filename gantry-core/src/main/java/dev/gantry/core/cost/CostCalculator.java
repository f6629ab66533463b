package dev.gantry.core.cost;

import dev.gantry.core.api.Usage;
import java.math.BigDecimal;

/**
 * Turns token usage into money with one price entry. Every token class is billed once at its own
 * price: uncached input, cache reads, 5-minute and 1-hour cache writes, visible output, reasoning
 * output; the long-context tier applies to the whole request when its input exceeds the tier's
 * threshold. The exact figure is a {@link BigDecimal}; {@link #cost} rounds it once, half-up, to a
 * whole micro-dollar. Stateless.
 */
public final class CostCalculator {
  private CostCalculator() {}

  /** The exact cost in USD, unrounded. */
  public static BigDecimal exactUsd(PriceEntry entry, Usage usage) {
    return exactMicros(entry, usage).movePointLeft(6);
  }

  /**
   * The exact cost in micro-USD, unrounded: prices are per million tokens, so price × tokens is
   * already micro-dollars (no division, which for a {@link BigDecimal} is a long division).
   */
  static BigDecimal exactMicros(PriceEntry entry, Usage usage) {
    TokenPrices p = entry.pricesFor(usage.promptTokens());
    BigDecimal perMillion =
        times(usage.uncachedPromptTokens(), p.input())
            .add(times(usage.cachedTokens(), p.cachedInputOrInput()))
            .add(times(usage.cacheWrite5mTokens(), p.cacheWrite5mOrInput()))
            .add(times(usage.cacheWrite1hTokens(), p.cacheWrite1hOrShorter()))
            .add(times(usage.visibleCompletionTokens(), p.output()))
            .add(times(usage.reasoningTokens(), p.reasoningOrOutput()));
    return perMillion;
  }

  /** The cost of one call; {@code estimated} when the usage was counted by Gantry. */
  public static Cost cost(PriceEntry entry, Usage usage, boolean estimated) {
    return new Cost(
        exactMicros(entry, usage).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact(),
        estimated ? Cost.Status.ESTIMATED : Cost.Status.EXACT,
        entry.label());
  }

  /**
   * The most a call can cost: {@code inputTokens} at the dearest input price (a cache write when
   * {@code mayWriteCache}) and {@code outputTokens} at the dearest output price, in micro-USD,
   * rounded up.
   */
  public static long worstCaseMicros(
      PriceEntry entry, long inputTokens, long outputTokens, boolean mayWriteCache) {
    TokenPrices p = entry.pricesFor(inputTokens);
    BigDecimal in = mayWriteCache ? p.maxInput() : p.input();
    return times(inputTokens, in)
        .add(times(outputTokens, p.maxOutput()))
        .setScale(0, java.math.RoundingMode.CEILING)
        .longValueExact();
  }

  private static BigDecimal times(long tokens, BigDecimal pricePerMillion) {
    return tokens == 0 ? BigDecimal.ZERO : pricePerMillion.multiply(BigDecimal.valueOf(tokens));
  }
}
