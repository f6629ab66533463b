package dev.gantry.core.config;

import java.util.Map;

/**
 * A human-readable, multi-line summary of a {@link GantryConfig}, as printed by {@code gantry
 * config validate}: the listening address, each provider (type, base URL, whether an API key is
 * set, header names), each route (deployments with weights and traffic shares, retry). Never shows
 * an API key or a header value. Stateless and thread-safe.
 */
public final class ConfigSummary {
  private ConfigSummary() {}

  /** The summary, lines separated by {@code \n}, ending with a newline. */
  public static String describe(GantryConfig c) {
    StringBuilder b = new StringBuilder();
    ServerConfig s = c.server();
    b.append("server: ")
        .append(s.host().contains(":") ? "[" + s.host() + "]" : s.host())
        .append(':')
        .append(s.port())
        .append(s.port() == 0 ? " (any free port)" : "")
        .append('\n');
    b.append("  max body ")
        .append(Units.formatSize(s.maxBodyBytes()))
        .append(", body timeout ")
        .append(Units.format(s.bodyTimeout()))
        .append(", request timeout ")
        .append(Units.format(s.requestTimeout()))
        .append(", ")
        .append(
            s.reloadInterval().isZero()
                ? "hot reload off"
                : "reload check every " + Units.format(s.reloadInterval()))
        .append('\n');

    b.append("providers (").append(c.providers().size()).append("):\n");
    for (ProviderConfig p : c.providers().values()) {
      b.append("  ")
          .append(p.name())
          .append(": ")
          .append(p.type().configName())
          .append(' ')
          .append(p.baseUrl())
          .append(", api key ")
          .append(p.apiKey() == null ? "not set" : "set")
          .append(p.apiVersion() == null ? "" : ", api version " + p.apiVersion())
          .append(p.http2() ? ", http2" : "")
          .append(p.nativeCompletions() ? ", completions native" : "")
          .append(", max ")
          .append(p.maxConnections())
          .append(" connections\n");
      Timeouts t = p.timeouts();
      b.append("    timeouts: connect ")
          .append(Units.format(t.connect()))
          .append(", first byte ")
          .append(Units.format(t.firstByte()))
          .append(", idle ")
          .append(Units.format(t.idle()))
          .append(", total ")
          .append(Units.format(t.total()))
          .append('\n');
      if (!p.headers().isEmpty()) {
        b.append("    headers: ")
            .append(String.join(", ", new java.util.TreeSet<>(p.headers().keySet())))
            .append(" (values not shown)\n");
      }
    }

    b.append("routes (").append(c.routes().size()).append("):\n");
    for (Map.Entry<String, RouteConfig> e : c.routes().entrySet()) {
      RouteConfig r = e.getValue();
      RetryConfig retry = r.retry();
      b.append("  ")
          .append(e.getKey())
          .append(": retry ")
          .append(retry.maxAttempts())
          .append(retry.maxAttempts() == 1 ? " attempt" : " attempts")
          .append(", backoff ")
          .append(Units.format(retry.baseDelay()))
          .append("..")
          .append(Units.format(retry.maxDelay()))
          .append('\n');
      long total = r.deployments().stream().mapToLong(DeploymentConfig::weight).sum();
      for (DeploymentConfig d : r.deployments()) {
        b.append("    - ")
            .append(d.provider())
            .append('/')
            .append(d.model())
            .append(" weight ")
            .append(d.weight())
            .append(
                d.weight() == 0
                    ? " (fallback only)"
                    : String.format(java.util.Locale.ROOT, " (%.0f%%)", 100.0 * d.weight() / total))
            .append('\n');
      }
      RouteCost cost = r.cost();
      if (cost.tiering() != null) {
        b.append("    tiers ")
            .append(String.join(" -> ", cost.tiering().names()))
            .append(", ")
            .append(cost.tiering().mode().name().toLowerCase(java.util.Locale.ROOT))
            .append(cost.tiering().router() ? " with the complexity router" : "")
            .append('\n');
      }
      if (!cost.budget().isNone()) {
        RequestBudget budget = cost.budget();
        b.append("    budget:")
            .append(budget.maxInputTokens() > 0 ? " input <= " + budget.maxInputTokens() : "")
            .append(
                budget.maxInputTokens() > 0
                    ? " (" + budget.onExcess().name().toLowerCase(java.util.Locale.ROOT) + ")"
                    : "")
            .append(budget.maxOutputTokens() > 0 ? " output <= " + budget.maxOutputTokens() : "")
            .append(
                budget.maxCostMicros() > 0
                    ? " cost <= USD " + dev.gantry.core.cost.Usd.format(budget.maxCostMicros())
                    : "")
            .append('\n');
      }
      if (r.cache() != null) {
        cache(b, r.cache());
      }
    }
    cost(b, c);
    return b.toString();
  }

  /** A route's response cache on one line. */
  private static void cache(StringBuilder b, RouteCache cache) {
    b.append("    cache:");
    if (cache.exact()) {
      b.append(" exact");
    }
    if (cache.semantic()) {
      b.append(cache.exact() ? " +" : "")
          .append(" semantic (")
          .append(cache.encoder())
          .append(String.format(java.util.Locale.ROOT, ", threshold %.3f", cache.threshold()))
          .append(String.format(java.util.Locale.ROOT, ", margin %.2f", cache.margin()))
          .append(cache.guard() ? ", guard on" : ", guard off")
          .append(')');
    }
    if (!cache.exact() && !cache.semantic()) {
      b.append(" off");
    }
    b.append(", ttl ")
        .append(Units.format(cache.ttl()))
        .append(cache.allRequests() ? ", all requests" : ", deterministic requests")
        .append(cache.shared() ? ", shared across tenants" : ", per tenant")
        .append('\n');
  }

  /** The cost section, and the deployments whose cost would be unknown. */
  private static void cost(StringBuilder b, GantryConfig c) {
    CostConfig cost = c.cost();
    b.append("cost: time zone ")
        .append(cost.timeZone().getId())
        .append(", ")
        .append(cost.prices().size())
        .append(" configured price(s)\n");
    for (SpendLimit l : cost.limits()) {
      b.append("  limit ")
          .append(l.code())
          .append(l.match() == null ? " (each)" : " for '" + l.match() + "'")
          .append(l.tenant() == null ? "" : " in tenant '" + l.tenant() + "'")
          .append(
              l.hardMicros() > 0
                  ? ", hard USD " + dev.gantry.core.cost.Usd.format(l.hardMicros())
                  : "")
          .append(
              l.softMicros() > 0
                  ? ", soft USD " + dev.gantry.core.cost.Usd.format(l.softMicros())
                  : "")
          .append('\n');
    }
    dev.gantry.core.cost.PriceCatalog catalog =
        dev.gantry.core.cost.PriceCatalog.bundled().withOverrides(cost.prices());
    java.time.LocalDate latest = java.time.LocalDate.MAX; // any price, however recent
    java.util.Set<String> unpriced = new java.util.TreeSet<>();
    for (RouteConfig r : c.routes().values()) {
      java.util.List<DeploymentConfig> all = new java.util.ArrayList<>(r.deployments());
      if (r.cost().tiering() != null) {
        all.addAll(r.cost().tiering().allDeployments());
      }
      for (DeploymentConfig d : all) {
        ProviderConfig p = c.providers().get(d.provider());
        if (p != null
            && p.type().remote()
            && catalog
                .find(java.util.List.of(d.provider(), p.type().configName()), d.model(), latest)
                .isEmpty()) {
          unpriced.add(d.provider() + "/" + d.model());
        }
      }
    }
    if (!unpriced.isEmpty()) {
      b.append("  no known price (cost reported as unknown; add under cost.prices): ")
          .append(String.join(", ", unpriced))
          .append('\n');
    }
  }
}
