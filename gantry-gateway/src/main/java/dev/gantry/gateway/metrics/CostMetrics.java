package dev.gantry.gateway.metrics;

import dev.gantry.core.api.Usage;
import dev.gantry.core.events.BudgetExceeded;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.RequestCosted;
import dev.gantry.core.events.SpendLimitWarning;
import dev.gantry.core.events.TierEscalated;
import java.util.Locale;

/**
 * The cost counters of {@code /admin/metrics}, fed by cost events: spend in micro-USD and requests
 * by cost status per route, provider, model and tier; tokens by class; tokens saved by the
 * optimiser; requests per tier and escalations; spend-limit refusals and soft-limit warnings.
 * Thread-safe.
 */
final class CostMetrics {
  private final Metrics metrics;

  CostMetrics(Metrics metrics) {
    this.metrics = metrics;
  }

  void attach(EventBus events) {
    events.subscribe(RequestCosted.class, this::costed);
    events.subscribe(
        TierEscalated.class,
        e ->
            metrics.add(
                "gantry_tier_escalations_total",
                1,
                "route",
                e.route(),
                "from",
                e.from(),
                "to",
                e.to(),
                "reason",
                e.reason()));
    events.subscribe(
        BudgetExceeded.class,
        e -> metrics.add("gantry_budget_exceeded_total", 1, "code", e.code()));
    events.subscribe(
        SpendLimitWarning.class,
        e -> metrics.add("gantry_spend_soft_limit_reached_total", 1, "code", e.code()));
  }

  private void costed(RequestCosted e) {
    String route = e.route();
    String status = e.cost().status().name().toLowerCase(Locale.ROOT);
    metrics.add("gantry_cost_requests_total", 1, "route", route, "cost_status", status);
    if (e.provider() != null) {
      metrics.add(
          "gantry_cost_micro_usd_total",
          e.cost().micros(),
          "route",
          route,
          "provider",
          e.provider(),
          "model",
          e.model(),
          "tier",
          e.tier() == null ? "" : e.tier());
    }
    Usage u = e.usage();
    tokens(route, "uncached_input", u.uncachedPromptTokens());
    tokens(route, "cache_read", u.cachedTokens());
    tokens(route, "cache_write", u.cacheWrite5mTokens() + u.cacheWrite1hTokens());
    tokens(route, "output", u.visibleCompletionTokens());
    tokens(route, "reasoning", u.reasoningTokens());
    if (e.tokensSaved() > 0) {
      metrics.add("gantry_tokens_saved_total", e.tokensSaved(), "route", route);
    }
    if (e.tier() != null) {
      metrics.add("gantry_tier_requests_total", 1, "route", route, "tier", e.tier());
    }
  }

  private void tokens(String route, String kind, long n) {
    if (n > 0) {
      metrics.add("gantry_tokens_total", n, "route", route, "class", kind);
    }
  }
}
