package dev.gantry.core.cost;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one price entry from a plain tree (maps, lists and strings, as the bundled catalog and the
 * {@code cost.prices} configuration section are read). Prices are decimal strings in USD per
 * million tokens, read exactly. Stateless.
 *
 * <p>In configuration, {@code same_as: <model>} makes the entry an alias ({@link PriceAlias}).
 *
 * <p>A self-hosted model may give {@code self_hosted: {gpu_hour_usd, input_tokens_per_second,
 * output_tokens_per_second}} instead of prices: the price per million tokens is then {@code
 * gpu_hour_usd / (tokens_per_second * 3600 / 1,000,000)} for each direction, rounded half-up to ten
 * significant digits (a GPU that costs USD 2.00 an hour and generates 500 tokens a second costs USD
 * 1.111111111 per million output tokens).
 */
public final class PriceEntryParser {
  /** Price keys of one token class each (USD per million tokens). */
  static final List<String> CLASS_KEYS =
      List.of("input", "cached_input", "cache_write_5m", "cache_write_1h", "output", "reasoning");

  static final Set<String> KEYS =
      union(
          CLASS_KEYS,
          "provider",
          "model",
          "aliases",
          "effective_from",
          "long_context",
          "batch",
          "source",
          "as_published_on",
          "same_as",
          "self_hosted");
  static final Set<String> PRICE_KEYS = union(CLASS_KEYS, "above_input_tokens");
  static final Set<String> SELF_HOSTED_KEYS =
      Set.of("gpu_hour_usd", "input_tokens_per_second", "output_tokens_per_second");

  private PriceEntryParser() {}

  private static Set<String> union(List<String> base, String... more) {
    Set<String> out = new java.util.LinkedHashSet<>(base);
    out.addAll(List.of(more));
    return java.util.Collections.unmodifiableSet(out);
  }

  /**
   * Reads a price entry, or with {@code same_as} an alias.
   *
   * @param defaultDate effective date when the entry gives none
   * @throws IllegalArgumentException whose message starts with the offending key
   */
  public static PriceRule parseRule(Map<?, ?> m, LocalDate defaultDate) {
    if (m.get("same_as") != null) {
      for (Object k : m.keySet()) {
        if (!Set.of("provider", "model", "same_as").contains(String.valueOf(k))) {
          throw new IllegalArgumentException(
              k + ": not allowed with same_as; allowed provider, model, same_as");
        }
      }
      return new PriceAlias(
          required(m, "provider"), required(m, "model"), String.valueOf(m.get("same_as")).strip());
    }
    return parse(m, defaultDate);
  }

  /**
   * Reads a price entry.
   *
   * @param defaultDate effective date when the entry gives none
   * @throws IllegalArgumentException whose message starts with the offending key
   */
  public static PriceEntry parse(Map<?, ?> m, LocalDate defaultDate) {
    for (Object k : m.keySet()) {
      if (!KEYS.contains(String.valueOf(k))) {
        throw new IllegalArgumentException(
            k + ": unknown key; allowed " + String.join(", ", new java.util.TreeSet<>(KEYS)));
      }
    }
    String provider = required(m, "provider");
    String model = required(m, "model");
    List<String> aliases = strings(m.get("aliases"), "aliases");
    LocalDate from =
        m.get("effective_from") == null
            ? defaultDate
            : date(m.get("effective_from"), "effective_from");
    String source = m.get("source") == null ? "configured" : String.valueOf(m.get("source"));
    LocalDate published =
        m.get("as_published_on") == null ? null : date(m.get("as_published_on"), "as_published_on");
    if (m.get("same_as") != null) {
      throw new IllegalArgumentException("same_as: not allowed here");
    }
    if (from == null) {
      throw new IllegalArgumentException("effective_from: required (YYYY-MM-DD)");
    }
    TokenPrices prices;
    if (m.get("self_hosted") != null) {
      prices = selfHosted(map(m.get("self_hosted"), "self_hosted"));
    } else {
      prices = prices(m, "");
    }
    LongContext longContext = null;
    if (m.get("long_context") != null) {
      Map<?, ?> lc = map(m.get("long_context"), "long_context");
      long above = wholeNumber(lc.get("above_input_tokens"), "long_context.above_input_tokens");
      longContext = new LongContext(above, prices(lc, "long_context."));
    }
    TokenPrices batch =
        m.get("batch") == null ? null : prices(map(m.get("batch"), "batch"), "batch.");
    return new PriceEntry(
        provider, model, aliases, from, prices, longContext, batch, source, published);
  }

  private static TokenPrices prices(Map<?, ?> m, String prefix) {
    for (Object k : m.keySet()) {
      if (!prefix.isEmpty() && !PRICE_KEYS.contains(String.valueOf(k))) {
        throw new IllegalArgumentException(
            prefix + k + ": unknown key; allowed " + String.join(", ", PRICE_KEYS));
      }
    }
    BigDecimal input = price(m.get("input"), prefix + "input", true);
    BigDecimal output = price(m.get("output"), prefix + "output", true);
    try {
      return new TokenPrices(
          input,
          price(m.get("cached_input"), prefix + "cached_input", false),
          price(m.get("cache_write_5m"), prefix + "cache_write_5m", false),
          price(m.get("cache_write_1h"), prefix + "cache_write_1h", false),
          output,
          price(m.get("reasoning"), prefix + "reasoning", false));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(prefix + "prices: " + e.getMessage());
    }
  }

  private static TokenPrices selfHosted(Map<?, ?> m) {
    for (Object k : m.keySet()) {
      if (!SELF_HOSTED_KEYS.contains(String.valueOf(k))) {
        throw new IllegalArgumentException(
            "self_hosted." + k + ": unknown key; allowed " + String.join(", ", SELF_HOSTED_KEYS));
      }
    }
    BigDecimal hour = price(m.get("gpu_hour_usd"), "self_hosted.gpu_hour_usd", true);
    BigDecimal in =
        positive(m.get("input_tokens_per_second"), "self_hosted.input_tokens_per_second");
    BigDecimal out =
        positive(m.get("output_tokens_per_second"), "self_hosted.output_tokens_per_second");
    return new TokenPrices(perMillion(hour, in), null, null, null, perMillion(hour, out), null);
  }

  /** USD per million tokens for a GPU hour that processes {@code perSecond} tokens a second. */
  static BigDecimal perMillion(BigDecimal gpuHourUsd, BigDecimal perSecond) {
    BigDecimal millionsPerHour =
        perSecond.multiply(BigDecimal.valueOf(3600)).divide(BigDecimal.valueOf(1_000_000));
    return gpuHourUsd
        .divide(millionsPerHour, new MathContext(10, RoundingMode.HALF_UP))
        .stripTrailingZeros();
  }

  private static BigDecimal positive(Object v, String path) {
    BigDecimal d = price(v, path, true);
    if (d.signum() <= 0) {
      throw new IllegalArgumentException(path + ": must be > 0, was " + d.toPlainString());
    }
    return d;
  }

  private static BigDecimal price(Object v, String path, boolean required) {
    if (v == null) {
      if (required) {
        throw new IllegalArgumentException(path + ": required (USD per million tokens)");
      }
      return null;
    }
    try {
      BigDecimal d = new BigDecimal(String.valueOf(v).strip());
      if (d.signum() < 0) {
        throw new IllegalArgumentException(path + ": must be >= 0, was " + d.toPlainString());
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          path + ": '" + v + "' is not a decimal number (USD per million tokens)");
    }
  }

  private static long wholeNumber(Object v, String path) {
    try {
      return Long.parseLong(String.valueOf(v).strip().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(path + ": '" + v + "' is not a whole number of tokens");
    }
  }

  private static String required(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (v == null || String.valueOf(v).isBlank()) {
      throw new IllegalArgumentException(key + ": required");
    }
    return String.valueOf(v).strip();
  }

  private static LocalDate date(Object v, String path) {
    try {
      return LocalDate.parse(String.valueOf(v).strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(path + ": '" + v + "' is not a date (YYYY-MM-DD)");
    }
  }

  private static Map<?, ?> map(Object v, String path) {
    if (!(v instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(path + ": expected a map");
    }
    return m;
  }

  private static List<String> strings(Object v, String path) {
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!(v instanceof List<?> list)) {
      throw new IllegalArgumentException(path + ": expected a list of model ids");
    }
    for (Object o : list) {
      out.add(String.valueOf(o).strip());
    }
    return out;
  }
}
