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
    }
    return b.toString();
  }
}
