package dev.gantry.gateway.cost;

import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.config.CostConfig;
import dev.gantry.core.config.RequestBudget;
import dev.gantry.core.config.RouteConfig;
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
  private final WorstCase worstCase;

  BudgetStage(CostConfig config, CostMeter meter) {
    this.config = config;
    this.meter = meter;
    this.worstCase = new WorstCase(config, meter);
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
    long worst = worstCase.of(exchange, request, input);
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

  @Override
  public String toString() {
    return name();
  }
}
