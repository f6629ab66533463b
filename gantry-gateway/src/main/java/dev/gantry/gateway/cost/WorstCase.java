package dev.gantry.gateway.cost;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.config.CostConfig;
import dev.gantry.core.config.DeploymentConfig;
import dev.gantry.core.config.RequestBudget;
import dev.gantry.core.config.RouteConfig;
import dev.gantry.core.config.TieringConfig;
import dev.gantry.core.pipeline.Exchange;
import java.util.ArrayList;
import java.util.List;

/**
 * The most a request may cost, in USD micro-units: its input tokens (plus {@code
 * cost.estimate_margin}) at the dearest input price and its output cap at the dearest output price
 * of every deployment that may answer it, every call it may make added (the remaining tiers of a
 * cascade); -1 when a deployment that may answer it has no known price. Stateless and thread-safe.
 */
final class WorstCase {
  private final CostConfig config;
  private final CostMeter meter;

  WorstCase(CostConfig config, CostMeter meter) {
    this.config = config;
    this.meter = meter;
  }

  /**
   * The worst case of {@code request} (the exchange's, as the budget has shaped it) with {@code
   * input} tokens, on the exchange's route and tier.
   */
  long of(Exchange exchange, ChatRequest request, long input) {
    return of(request, input, OutputCap.requested(request), candidates(exchange));
  }

  /**
   * A bound, at admission, on what {@link #of} will say once the request's tier is chosen and its
   * budget applied: the request as it stands, its output capped and its input at most as the budget
   * allows, on every tier of its route (each tier one more call in a cascade that may escalate; the
   * dearest tier otherwise). Stages that add input later (retrieval, a rewrite by an input
   * guardrail) may take the request above it.
   */
  long bound(Exchange exchange) {
    RouteConfig route = exchange.route();
    if (route == null) {
      return -1;
    }
    RequestBudget budget =
        route.cost().budget().stricter(config.keyBudgets().get(exchange.principal().keyId()));
    ChatRequest request = exchange.request();
    long input = meter.tokens().input(request);
    if (budget.maxInputTokens() > 0) {
      input = Math.min(input, budget.maxInputTokens()); // trimmed to it, or refused
    }
    long out = OutputCap.requested(request);
    int cap = budget.maxOutputTokens();
    if (cap > 0 && (out == 0 || out > cap)) {
      out = cap;
    }
    TieringConfig tiering = route.cost().tiering();
    List<List<DeploymentConfig>> calls = new ArrayList<>();
    if (tiering == null) {
      calls.add(route.deployments());
    } else if (tiering.mode() == TieringConfig.Mode.CASCADE && exchange.sink() == null) {
      calls.addAll(tiering.tiers().values());
    } else {
      calls.add(tiering.allDeployments());
    }
    return of(request, input, out, calls);
  }

  /** {@code output} 0: the request sets no output limit ({@code cost.default_output_tokens}). */
  private long of(
      ChatRequest request, long input, long output, List<List<DeploymentConfig>> calls) {
    long in = (long) Math.ceil(input * (1 + config.estimateMargin()));
    long out = output == 0 ? config.defaultOutputTokens() : output;
    boolean cacheWrite = writesCache(request);
    long total = 0;
    for (List<DeploymentConfig> candidates : calls) {
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
}
