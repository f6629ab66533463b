package dev.gantry.core.config;

import dev.gantry.core.cost.PriceRule;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code cost} section: prices added to (or replacing) the bundled catalog, spend limits and
 * the settings of reservations, per-key request budgets and attribution tags.
 *
 * @param timeZone where days and months of limits and reports begin and end
 * @param prices configured price entries and aliases, consulted before the bundled catalog
 * @param limits spend limits
 * @param keyBudgets request budgets per API key id (the stricter of these and the route's apply)
 * @param reservationTtl how long an unsettled spend reservation is held before it expires
 * @param estimateMargin headroom added to Gantry's own input-token count in worst-case estimates
 *     (0.1 = 10%), because providers' tokenizers count differently, 0..1
 * @param defaultOutputTokens output tokens assumed in a worst case when neither the request nor a
 *     budget caps them, 1..1,000,000
 * @param maxTags most tags in {@code x-gantry-tags}, 0..100
 * @param maxTagLength most characters of one tag, 1..256
 */
public record CostConfig(
    ZoneId timeZone,
    List<PriceRule> prices,
    List<SpendLimit> limits,
    Map<String, RequestBudget> keyBudgets,
    Duration reservationTtl,
    double estimateMargin,
    int defaultOutputTokens,
    int maxTags,
    int maxTagLength) {

  public static final CostConfig DEFAULTS =
      new CostConfig(
          ZoneId.of("UTC"),
          List.of(),
          List.of(),
          Map.of(),
          Duration.ofMinutes(11),
          0.1,
          4096,
          10,
          64);

  public CostConfig {
    Objects.requireNonNull(timeZone, "timeZone");
    prices = List.copyOf(prices);
    limits = List.copyOf(limits);
    keyBudgets = Map.copyOf(keyBudgets);
    Objects.requireNonNull(reservationTtl, "reservationTtl");
    if (reservationTtl.isNegative() || reservationTtl.isZero()) {
      throw new IllegalArgumentException("cost.reservation_ttl must be > 0");
    }
    if (estimateMargin < 0 || estimateMargin > 1) {
      throw new IllegalArgumentException("cost.estimate_margin must be 0..1");
    }
    if (defaultOutputTokens < 1 || maxTags < 0 || maxTagLength < 1) {
      throw new IllegalArgumentException("cost limits out of range");
    }
  }

  /** True when spend must be tracked durably (limits need the ledger). */
  public boolean needsLedger() {
    return !limits.isEmpty();
  }
}
