package dev.gantry.core.cost;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a model charges, in USD per million tokens, per token class. Only {@code input} and {@code
 * output} are required; a class a provider does not bill apart is null and falls back as the
 * accessors below say. Immutable.
 *
 * @param input uncached input (prompt) tokens
 * @param cachedInput input tokens read from the provider's prompt cache (OpenAI cached tokens,
 *     Anthropic cache reads, Gemini cached content); null bills them as {@code input}
 * @param cacheWrite5m input tokens written to a 5-minute prompt cache (Anthropic); null bills them
 *     as {@code input}
 * @param cacheWrite1h input tokens written to a 1-hour prompt cache (Anthropic); null bills them as
 *     {@code cacheWrite5m}
 * @param output output (completion) tokens
 * @param reasoning reasoning ("thinking") output tokens where a provider bills them apart; null
 *     bills them as {@code output}
 */
public record TokenPrices(
    BigDecimal input,
    BigDecimal cachedInput,
    BigDecimal cacheWrite5m,
    BigDecimal cacheWrite1h,
    BigDecimal output,
    BigDecimal reasoning) {

  public TokenPrices {
    Objects.requireNonNull(input, "input price");
    Objects.requireNonNull(output, "output price");
    for (BigDecimal p : new BigDecimal[] {input, cachedInput, cacheWrite5m, cacheWrite1h, output}) {
      if (p != null && p.signum() < 0) {
        throw new IllegalArgumentException("a price must be >= 0, was " + p.toPlainString());
      }
    }
    if (reasoning != null && reasoning.signum() < 0) {
      throw new IllegalArgumentException("a price must be >= 0, was " + reasoning.toPlainString());
    }
  }

  /** Input and output prices only. */
  public static TokenPrices of(String input, String output) {
    return new TokenPrices(new BigDecimal(input), null, null, null, new BigDecimal(output), null);
  }

  /** Price of a cache read. */
  public BigDecimal cachedInputOrInput() {
    return cachedInput != null ? cachedInput : input;
  }

  /** Price of a 5-minute cache write. */
  public BigDecimal cacheWrite5mOrInput() {
    return cacheWrite5m != null ? cacheWrite5m : input;
  }

  /** Price of a 1-hour cache write. */
  public BigDecimal cacheWrite1hOrShorter() {
    return cacheWrite1h != null ? cacheWrite1h : cacheWrite5mOrInput();
  }

  /** Price of a reasoning token. */
  public BigDecimal reasoningOrOutput() {
    return reasoning != null ? reasoning : output;
  }

  /** The highest price any input token can be billed at (a cache write may cost more). */
  public BigDecimal maxInput() {
    return input.max(cachedInputOrInput()).max(cacheWrite5mOrInput()).max(cacheWrite1hOrShorter());
  }

  /** The highest price any output token can be billed at. */
  public BigDecimal maxOutput() {
    return output.max(reasoningOrOutput());
  }
}
