package dev.gantry.core.cost;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The price of one model at one provider from one date on.
 *
 * @param provider who bills it: a provider family ({@code openai}, {@code azure}, {@code
 *     anthropic}, {@code gemini}, {@code extractive}) or, for configured entries, the name of a
 *     provider under {@code providers}
 * @param model the model id (for Azure, the base model; map deployment names with aliases)
 * @param aliases other ids billed the same (dated snapshots, {@code -latest} names, deployments)
 * @param effectiveFrom the first day (UTC) this price applies to
 * @param prices the standard prices
 * @param longContext the long-context tier, or null when the model has none
 * @param batch prices through the provider's batch API, or null; informational (Gantry does not
 *     proxy batch APIs)
 * @param source where the price was published (a URL), or a note for configured prices
 * @param publishedOn the date the price was published at {@code source}
 */
public record PriceEntry(
    String provider,
    String model,
    List<String> aliases,
    LocalDate effectiveFrom,
    TokenPrices prices,
    LongContext longContext,
    TokenPrices batch,
    String source,
    LocalDate publishedOn)
    implements PriceRule {

  public PriceEntry {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    aliases = List.copyOf(aliases == null ? List.of() : aliases);
    Objects.requireNonNull(effectiveFrom, "effective_from");
    Objects.requireNonNull(prices, "prices");
    if (provider.isBlank() || model.isBlank()) {
      throw new IllegalArgumentException("provider and model must not be empty");
    }
  }

  /** The model id and every alias, lower-cased. */
  public List<String> names() {
    java.util.ArrayList<String> out = new java.util.ArrayList<>(aliases.size() + 1);
    out.add(model.toLowerCase(Locale.ROOT));
    aliases.forEach(a -> out.add(a.toLowerCase(Locale.ROOT)));
    return out;
  }

  /** The prices that apply to a request with {@code inputTokens} prompt tokens in all. */
  public TokenPrices pricesFor(long inputTokens) {
    return longContext != null && inputTokens > longContext.aboveInputTokens()
        ? longContext.prices()
        : prices;
  }

  /** A short label for headers, logs and reports: {@code provider/model@effectiveFrom}. */
  public String label() {
    return provider + "/" + model + "@" + effectiveFrom;
  }
}
