package dev.gantry.gateway.cost;

import dev.gantry.core.api.Usage;
import dev.gantry.core.config.DeploymentConfig;
import dev.gantry.core.config.ProviderConfig;
import dev.gantry.core.cost.CallCost;
import dev.gantry.core.cost.Cost;
import dev.gantry.core.cost.CostCalculator;
import dev.gantry.core.cost.PriceCatalog;
import dev.gantry.core.cost.PriceEntry;
import dev.gantry.core.pipeline.Exchange;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one component that turns an upstream call's usage into money. A call is priced by the entry
 * in force on the day (UTC) it is made for its provider's name, then its family ({@code openai},
 * {@code azure}, {@code anthropic}, …), and its deployment's model. Without usage from the upstream
 * (a broken stream, a provider without usage in streams) it counts the tokens itself and marks the
 * cost estimated; without a price the cost is unknown, never zero. Each call's cost goes onto the
 * request's {@link dev.gantry.core.cost.CostSheet}. Shared and thread-safe.
 */
public final class CostMeter {
  private final PriceCatalog catalog;
  private final Map<String, ProviderConfig> providers;
  private final Clock clock;
  private final TokenEstimator tokens;

  public CostMeter(
      PriceCatalog catalog,
      Map<String, ProviderConfig> providers,
      Clock clock,
      TokenEstimator tokens) {
    this.catalog = catalog;
    this.providers = Map.copyOf(providers);
    this.clock = clock;
    this.tokens = tokens;
  }

  public TokenEstimator tokens() {
    return tokens;
  }

  /** The price of {@code model} at provider {@code provider} today, if known. */
  public Optional<PriceEntry> price(String provider, String model) {
    return price(provider, model, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
  }

  Optional<PriceEntry> price(String provider, String model, LocalDate day) {
    ProviderConfig p = providers.get(provider);
    List<String> names = new ArrayList<>(2);
    names.add(provider);
    if (p != null) {
      names.add(p.type().configName());
    }
    return catalog.find(names, model, day);
  }

  /**
   * Prices one completed call and adds it to the exchange's cost sheet.
   *
   * @param usage what the upstream reported, or null to count the tokens (estimated)
   * @param outputText the answer's text, counted when {@code usage} is null
   */
  public CallCost record(
      Exchange exchange, String provider, String model, Usage usage, String outputText) {
    boolean estimated = usage == null;
    Usage counted = estimated ? count(exchange, outputText) : usage;
    Cost cost =
        price(provider, model)
            .map(p -> CostCalculator.cost(p, counted, estimated))
            .orElseGet(() -> Cost.unknown("no price for " + provider + "/" + model));
    CallCost call =
        new CallCost(provider, model, exchange.cost().finalTier(), counted, cost, false);
    exchange.cost().call(call);
    return call;
  }

  private Usage count(Exchange exchange, String outputText) {
    long in = tokens.input(exchange.request());
    long out = tokens.text(outputText == null ? "" : outputText);
    return new Usage(in, out, in + out);
  }

  /**
   * The most one call to any of {@code deployments} can cost, in micro-USD; -1 when one of them has
   * no known price.
   */
  public long worstCase(
      List<DeploymentConfig> deployments,
      long inputTokens,
      long outputTokens,
      boolean mayWriteCache) {
    long worst = 0;
    for (DeploymentConfig d : deployments) {
      Optional<PriceEntry> p = price(d.provider(), d.model());
      if (p.isEmpty()) {
        return -1;
      }
      worst =
          Math.max(
              worst,
              CostCalculator.worstCaseMicros(p.get(), inputTokens, outputTokens, mayWriteCache));
    }
    return worst;
  }

  /** The deployments (of {@code all}) that have no known price today, as provider/model. */
  public List<String> unpriced(List<DeploymentConfig> all) {
    List<String> out = new ArrayList<>();
    for (DeploymentConfig d : all) {
      if (price(d.provider(), d.model()).isEmpty()) {
        out.add(d.provider() + "/" + d.model());
      }
    }
    return out;
  }
}
