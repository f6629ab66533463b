package dev.gantry.gateway.cost;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.config.CostConfig;
import dev.gantry.core.config.DeploymentConfig;
import dev.gantry.core.config.RequestBudget;
import dev.gantry.core.config.RouteConfig;
import dev.gantry.core.config.TieringConfig;
import dev.gantry.core.cost.Usd;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.pipeline.Stage;
import dev.gantry.core.pipeline.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Enforces the request budget (the stricter of the route's {@code budget} and the key's under
 * {@code cost.keys}): too many input tokens are refused (400 {@code context_budget_exceeded}) or
 * trimmed (oldest turns first, recorded); output tokens are capped; and the request's worst case —
 * its input tokens (plus {@code cost.estimate_margin}) at the dearest input price and its output
 * cap at the dearest output price of every deployment that may answer it, every remaining tier of a
 * cascade added — is recorded for spend limits and refused above {@code max_cost_usd} (400 {@code
 * request_cost_exceeded}). Shared and thread-safe.
 */
final class BudgetStage implements Stage {
  private final CostConfig config;
  private final CostMeter meter;

  BudgetStage(CostConfig config, CostMeter meter) {
    this.config = config;
    this.meter = meter;
  }

  @Override
  public String name() {
    return "budget";
  }

  @Override
  public CompletionStage<Verdict> onRequest(Exchange exchange) {
    RouteConfig route = exchange.route();
    RequestBudget budget =
        route.cost().budget().stricter(config.keyBudgets().get(exchange.principal().keyId()));
    ChatRequest request = exchange.request();
    TokenEstimator tokens = meter.tokens();
    long input = tokens.input(request);
    List<String> changes = new ArrayList<>(2);
    if (budget.maxInputTokens() > 0 && input > budget.maxInputTokens()) {
      if (budget.onExcess() == RequestBudget.OnExcess.TRIM) {
        HistoryTrimmer.Result r = HistoryTrimmer.trim(request, 0, budget.maxInputTokens(), tokens);
        long after = tokens.input(r.request());
        if (after <= budget.maxInputTokens()) {
          changes.add(
              "trimmed "
                  + r.dropped()
                  + " oldest message(s): "
                  + input
                  + " -> "
                  + after
                  + " input tokens");
          request = r.request();
          input = after;
        }
      }
      if (input > budget.maxInputTokens()) {
        return Verdict.now(
            new Verdict.Reject(
                ApiError.invalid(
                    "The request has "
                        + input
                        + " input tokens; this route's budget allows "
                        + budget.maxInputTokens()
                        + ".",
                    "messages",
                    "context_budget_exceeded"),
                "input tokens " + input + " > " + budget.maxInputTokens()));
      }
    }
    if (budget.maxOutputTokens() > 0) {
      ChatRequest capped = OutputCap.apply(request, budget.maxOutputTokens());
      if (capped != request) {
        changes.add("output capped at " + budget.maxOutputTokens() + " tokens");
        request = capped;
      }
    }
    long worst = worstCase(exchange, request, input);
    exchange.cost().worstCaseMicros(worst);
    if (budget.maxCostMicros() > 0 && (worst < 0 || worst > budget.maxCostMicros())) {
      String why =
          worst < 0
              ? "its cost cannot be bounded: a deployment of this route has no known price"
              : "it may cost up to USD "
                  + Usd.format(worst)
                  + "; this route's budget allows USD "
                  + Usd.format(budget.maxCostMicros())
                  + " per request (lower max_tokens or shorten the input)";
      return Verdict.now(
          new Verdict.Reject(
              ApiError.invalid(
                  "The request is refused because " + why + ".", null, "request_cost_exceeded"),
              "worst-case cost " + worst + " > " + budget.maxCostMicros()));
    }
    return Verdict.now(
        changes.isEmpty()
            ? Verdict.PASS
            : new Verdict.Rewrite(request, String.join("; ", changes)));
  }

  /** Micro-USD the request may cost at most; -1 when a deployment that may serve it is unpriced. */
  private long worstCase(Exchange exchange, ChatRequest request, long input) {
    long in = (long) Math.ceil(input * (1 + config.estimateMargin()));
    long out = OutputCap.requested(request);
    if (out == 0) {
      out = config.defaultOutputTokens();
    }
    boolean cacheWrite = writesCache(request);
    long total = 0;
    for (List<DeploymentConfig> candidates : candidates(exchange)) {
      long w = meter.worstCase(candidates, in, out * choices(request), cacheWrite);
      if (w < 0) {
        return -1;
      }
      total += w;
    }
    return total;
  }

  /** The deployments of each call the request may make: its tier, then every tier after it. */
  private static List<List<DeploymentConfig>> candidates(Exchange exchange) {
    RouteConfig route = exchange.route();
    TieringConfig tiering = route.cost().tiering();
    List<List<DeploymentConfig>> out = new ArrayList<>();
    out.add(route.deployments());
    if (tiering != null
        && tiering.mode() == TieringConfig.Mode.CASCADE
        && exchange.sink() == null
        && exchange.cost().tier() != null) {
      for (String t = tiering.next(exchange.cost().tier().tier()); t != null; t = tiering.next(t)) {
        out.add(tiering.tiers().get(t));
      }
    }
    return out;
  }

  private static long choices(ChatRequest request) {
    JsonNode n = request.json().get("n");
    return n != null && n.canConvertToLong() && n.asLong() > 1 ? n.asLong() : 1;
  }

  /** True when the request marks anything for a provider's prompt cache (a write may cost more). */
  static boolean writesCache(ChatRequest request) {
    for (JsonNode m : request.json().path("messages")) {
      if (m.has("cache_control")) {
        return true;
      }
      for (JsonNode part : m.path("content")) {
        if (part.has("cache_control")) {
          return true;
        }
      }
    }
    for (JsonNode t : request.json().path("tools")) {
      if (t.has("cache_control")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return name();
  }
}
