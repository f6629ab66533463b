package dev.gantry.gateway.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Usage;
import dev.gantry.core.config.CostConfig;
import dev.gantry.core.config.DeploymentConfig;
import dev.gantry.core.config.GantryConfig;
import dev.gantry.core.config.RouteConfig;
import dev.gantry.core.config.TieringConfig;
import dev.gantry.core.cost.Cost;
import dev.gantry.core.cost.CostSheet;
import dev.gantry.core.cost.PriceCatalog;
import dev.gantry.core.events.RequestCosted;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.pipeline.Stage;
import dev.gantry.core.tokens.TokenCounter;
import dev.gantry.ml.Embedder;
import dev.gantry.store.ledger.SpendEntry;
import dev.gantry.store.ledger.SpendLedger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cost controls of one configuration: the meter with the catalog and its configured prices, the
 * stages each route needs, and what happens around every chat request — tags read at its start; at
 * its end, its spend-ledger row (unless it went with the audit record) and one {@link
 * RequestCosted} event. Immutable; a reload builds a new one on the same {@link CostRuntime}.
 */
public final class Costs {
  private static final Logger LOG = LoggerFactory.getLogger(Costs.class);

  private final GantryConfig config;
  private final CostRuntime runtime;
  private final CostMeter meter;
  private final SpendAhead ahead;

  private Costs(GantryConfig config, CostRuntime runtime, CostMeter meter) {
    this.config = config;
    this.runtime = runtime;
    this.meter = meter;
    this.ahead =
        new SpendAhead(config.cost(), meter, runtime.clock(), runtime.sharedSpend() != null);
  }

  public static Costs build(GantryConfig config, CostRuntime runtime) {
    PriceCatalog catalog = PriceCatalog.bundled().withOverrides(config.cost().prices());
    CostMeter meter =
        new CostMeter(catalog, config.providers(), runtime.clock(), TokenEstimator.defaults());
    Costs costs = new Costs(config, runtime, meter);
    List<String> unpriced = meter.unpriced(costs.deployments());
    if (!unpriced.isEmpty()) {
      LOG.warn(
          "no price is known for {}: their cost will be reported as unknown (add them under"
              + " cost.prices)",
          String.join(", ", unpriced));
    }
    return costs;
  }

  private List<DeploymentConfig> deployments() {
    List<DeploymentConfig> all = new ArrayList<>();
    for (RouteConfig r : config.routes().values()) {
      all.addAll(r.deployments());
      if (r.cost().tiering() != null) {
        all.addAll(r.cost().tiering().allDeployments());
      }
    }
    return all;
  }

  /** The gateway's response cache. */
  public dev.gantry.gateway.cache.ResponseCache cache() {
    return runtime.cache();
  }

  public CostMeter meter() {
    return meter;
  }

  /**
   * A request's token estimate for tokens-per-minute limits: its input tokens (counted as the cost
   * meter counts them) plus the output it may produce ({@code max_completion_tokens} / {@code
   * max_tokens}, else {@code cost.default_output_tokens}).
   */
  public long tokenEstimate(Exchange exchange) {
    long out = OutputCap.requested(exchange.request());
    if (out == 0) {
      out = config.cost().defaultOutputTokens();
    }
    return meter.tokens().input(exchange.request()) + out;
  }

  /**
   * The spend claim the admit stage reserves with the rate limits, in the same Redis round trip
   * (when spend reservations are shared through Redis and spend limits are configured); the spend
   * stage keeps it when it covers the request's worst case.
   */
  public dev.gantry.gateway.limits.ClaimAhead claimAhead() {
    return ahead;
  }

  /**
   * The stages between retrieval and the output checks, in order: {@code optimize}, {@code tier},
   * {@code budget}, {@code spend} — each only when some route or limit needs it.
   */
  public List<Stage> requestStages(Supplier<Embedder> embedder) {
    CostConfig cost = config.cost();
    List<Stage> out = new ArrayList<>(4);
    boolean optimize = false;
    boolean tiers = false;
    boolean budgets = !cost.keyBudgets().isEmpty() || !cost.limits().isEmpty();
    for (RouteConfig r : config.routes().values()) {
      optimize |= !r.cost().optimize().isNone();
      tiers |= r.cost().tiering() != null;
      budgets |= !r.cost().budget().isNone();
    }
    if (optimize) {
      out.add(
          new OptimizeStage(
              meter.tokens(), TokenCounter.defaultCounter(), embedder, runtime.workers()));
    }
    if (tiers) {
      out.add(new TierStage(runtime.workers(), embedder, meter.tokens()));
    }
    if (budgets) {
      out.add(new BudgetStage(cost, meter));
    }
    if (!cost.limits().isEmpty()) {
      out.add(new SpendStage(cost, runtime.admission(), ahead, runtime.clock(), runtime.events()));
    }
    return out;
  }

  /**
   * The stages just before {@code invoke}: {@code cascade} (when a route cascades), {@code meter}.
   */
  public List<Stage> answerStages(Stage invoke) {
    List<Stage> out = new ArrayList<>(2);
    for (RouteConfig r : config.routes().values()) {
      TieringConfig t = r.cost().tiering();
      if (t != null && t.mode() == TieringConfig.Mode.CASCADE) {
        out.add(new CascadeStage(invoke, runtime.events()));
        break;
      }
    }
    out.add(new MeterStage(meter));
    return out;
  }

  /** Prices a complete (non-streamed) answer from one upstream call. */
  public void completed(Exchange exchange, DeploymentConfig d, ObjectNode completion) {
    Usage usage = Usage.fromOpenAi(completion.get("usage"));
    String text = null;
    if (usage == null) {
      StringBuilder b = new StringBuilder();
      for (JsonNode choice : completion.path("choices")) {
        b.append(choice.path("message").path("content").asText(""));
      }
      text = b.toString();
    }
    meter.record(exchange, d.provider(), d.model(), usage, text);
  }

  /**
   * Starts a chat request's cost accounting: reads its tags (a bad header throws an {@code
   * ApiException} with a 400) and arranges for its ledger row and event when it is over.
   */
  public void begin(Exchange exchange, String tagsHeader) {
    exchange.cost().tags(RequestTags.parse(tagsHeader, config.cost()));
    exchange.onFinish(() -> finished(exchange));
  }

  private void finished(Exchange exchange) {
    SpendLedger ledger = runtime.ledger();
    CostSheet sheet = exchange.cost();
    if (ledger != null && !sheet.ledgerWritten()) {
      sheet.ledgerWritten(true);
      ledger
          .append(entry(exchange, exchange.status()))
          .whenComplete(
              (seq, e) -> {
                if (e != null) {
                  LOG.warn(
                      "{}: spend ledger row not written: {}", exchange.requestId(), e.toString());
                }
              });
    }
    runtime
        .events()
        .publish(
            new RequestCosted(
                exchange.requestId(),
                exchange.principal().tenant(),
                exchange.original().model(),
                exchange.provider(),
                exchange.deployment(),
                sheet.finalTier(),
                exchange.status(),
                sheet.usage(),
                sheet.total(),
                sheet.escalations().size(),
                sheet.tokensSaved(),
                sheet.tags()));
  }

  /** The request's spend-ledger row (for the audit recorder, which commits it with its record). */
  public SpendEntry entry(Exchange exchange, int status) {
    CostSheet sheet = exchange.cost();
    Usage usage = sheet.usage();
    Cost total = sheet.total();
    Instant now = runtime.clock().instant();
    return new SpendEntry(
        now,
        LocalDate.ofInstant(now, config.cost().timeZone()),
        exchange.requestId(),
        exchange.principal().tenant(),
        exchange.principal().keyId(),
        exchange.customer(),
        exchange.original().model(),
        exchange.provider(),
        exchange.deployment(),
        sheet.finalTier(),
        sheet.tags(),
        status,
        usage.promptTokens(),
        usage.cachedTokens(),
        usage.cacheWrite5mTokens() + usage.cacheWrite1hTokens(),
        usage.completionTokens(),
        usage.reasoningTokens(),
        sheet.knownMicros(),
        total.status().name().toLowerCase(Locale.ROOT),
        !sheet.escalations().isEmpty(),
        exchange.cache() != null && exchange.cache().served(),
        Math.max(exchange.attempts(), sheet.calls().size()),
        sheet.tokensSaved());
  }

  /** Usage reports from the spend ledger; null without a store. */
  public UsageReports reports() {
    SpendLedger ledger = runtime.ledger();
    return ledger == null
        ? null
        : new UsageReports(ledger, runtime.clock(), config.cost().timeZone());
  }

  /** Spend forecasts from the spend ledger; null without a store. */
  public SpendForecasts forecasts() {
    SpendLedger ledger = runtime.ledger();
    return ledger == null ? null : new SpendForecasts(ledger, runtime.clock(), config.cost());
  }

  @Override
  public String toString() {
    return "costs[" + config.cost().limits().size() + " limit(s)]";
  }
}
