package dev.gantry.core.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code monitoring} and {@code evals}: what the gateway measures about itself, where it sends
 * traces, which alert rules and SLOs it evaluates, how it watches its input for drift and which
 * evaluation suites it runs on a schedule. Immutable; every record validates itself and names the
 * config path in its messages.
 */
public record MonitoringConfig(
    Metrics metrics,
    Tracing tracing,
    Duration sessionTtl,
    Alerts alerts,
    Map<String, Slo> slos,
    Drift drift,
    List<EvalSchedule> evals) {

  public static final MonitoringConfig DEFAULTS =
      new MonitoringConfig(
          Metrics.DEFAULTS,
          Tracing.OFF,
          Duration.ofHours(8),
          Alerts.NONE,
          Map.of(),
          Drift.OFF,
          List.of());

  public MonitoringConfig {
    Objects.requireNonNull(metrics, "monitoring.metrics");
    Objects.requireNonNull(tracing, "monitoring.tracing");
    Objects.requireNonNull(alerts, "monitoring.alerts");
    Objects.requireNonNull(drift, "monitoring.drift");
    if (sessionTtl.isNegative() || sessionTtl.isZero() || sessionTtl.toDays() > 30) {
      throw new IllegalArgumentException(
          "monitoring.dashboard.session_ttl: " + sessionTtl + " is out of range; allowed 1s..30d");
    }
    slos = Map.copyOf(slos);
    evals = List.copyOf(evals);
  }

  /**
   * @param publicListener also serve {@code GET /metrics} on the main listener (operator and admin
   *     keys only)
   * @param tenantLabels distinct tenant label values kept on request metrics before the rest are
   *     counted as {@code other}; 0 leaves the label out
   * @param customerLabels the same for end customers
   * @param enabled false turns request metrics off (JVM and process meters stay); for benchmarks
   */
  public record Metrics(
      boolean enabled, boolean publicListener, int tenantLabels, int customerLabels) {
    public static final Metrics DEFAULTS = new Metrics(true, false, 0, 0);
    public static final int MAX_LABELS = 1000;

    public Metrics {
      Check.range("monitoring.metrics.tenant_labels", tenantLabels, 0, MAX_LABELS);
      Check.range("monitoring.metrics.customer_labels", customerLabels, 0, MAX_LABELS);
    }
  }

  /**
   * @param otlpEndpoint OTLP/HTTP traces URL ({@code …/v1/traces}), or null: spans are then not
   *     exported (they are still made when {@code enabled})
   * @param enabled make spans at all; on when an endpoint is set
   * @param sampleRatio share of traces kept when the client did not decide (0..1)
   * @param serviceName {@code service.name} of the exported resource
   */
  public record Tracing(
      boolean enabled,
      URI otlpEndpoint,
      double sampleRatio,
      String serviceName,
      Map<String, String> headers) {
    public static final Tracing OFF = new Tracing(false, null, 1.0, "gantry", Map.of());

    public Tracing {
      if (!(sampleRatio >= 0 && sampleRatio <= 1)) {
        throw new IllegalArgumentException(
            "monitoring.tracing.sample_ratio: " + sampleRatio + " is out of range; allowed 0..1");
      }
      if (otlpEndpoint != null
          && !"http".equals(otlpEndpoint.getScheme())
          && !"https".equals(otlpEndpoint.getScheme())) {
        throw new IllegalArgumentException(
            "monitoring.tracing.otlp_endpoint: '"
                + otlpEndpoint
                + "' is not an http(s) URL; e.g. http://collector:4318/v1/traces");
      }
      Objects.requireNonNull(serviceName, "monitoring.tracing.service_name");
      headers = Map.copyOf(headers);
    }
  }

  /** {@code monitoring.alerts}: the schedule, the receivers and the rules. */
  public record Alerts(Duration evaluateEvery, List<Webhook> webhooks, List<AlertRule> rules) {
    public static final Alerts NONE = new Alerts(Duration.ofSeconds(30), List.of(), List.of());

    public Alerts {
      if (evaluateEvery.compareTo(Duration.ofSeconds(1)) < 0
          || evaluateEvery.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException(
            "monitoring.alerts.evaluate_every: "
                + evaluateEvery
                + " is out of range; allowed 1s..1h");
      }
      webhooks = List.copyOf(webhooks);
      rules = List.copyOf(rules);
    }
  }

  /** The shape of a webhook notification's body. */
  public enum WebhookFormat {
    /** Gantry's own JSON: {@code {status, alert, severity, labels, value, threshold, …}}. */
    JSON,
    /** A Slack incoming-webhook message ({@code {"text": …, "attachments": [...]}}). */
    SLACK;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public record Webhook(String name, URI url, WebhookFormat format) {
    public Webhook {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(format, "format");
      if (url == null || (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()))) {
        throw new IllegalArgumentException(
            "monitoring.alerts.webhooks." + name + ".url: '" + url + "' is not an http(s) URL");
      }
    }
  }

  /** What an alert rule measures. Each allows some {@link Aggregation}s. */
  public enum Signal {
    /** Requests answered. */
    REQUESTS(Set.of(Aggregation.SUM, Aggregation.RATE)),
    /** Share of requests answered with a 5xx status (or a timeout). */
    ERROR_RATIO(Set.of(Aggregation.AVG)),
    /** End-to-end request duration, seconds. */
    LATENCY(Aggregation.DISTRIBUTION),
    /** Time to the first streamed chunk, seconds. */
    TTFT(Aggregation.DISTRIBUTION),
    /** Cost in USD. */
    COST_USD(Set.of(Aggregation.SUM, Aggregation.AVG)),
    /** Input plus output tokens. */
    TOKENS(Set.of(Aggregation.SUM, Aggregation.AVG)),
    /** Share of requests on which a guardrail blocked, flagged, redacted or re-asked. */
    GUARDRAIL_TRIGGER_RATIO(Set.of(Aggregation.AVG)),
    /** Share of answers served by a last-resort fallback. */
    DEGRADED_RATIO(Set.of(Aggregation.AVG)),
    /** User feedback scores, normalised to 0..1. */
    FEEDBACK_SCORE(Set.of(Aggregation.AVG, Aggregation.MIN)),
    /** The input drift score of a route (0 = no evidence of drift). */
    DRIFT_SCORE(Set.of(Aggregation.MAX, Aggregation.LAST)),
    /** The pass rate of the latest scheduled evaluation run. */
    EVAL_PASS_RATE(Set.of(Aggregation.LAST, Aggregation.MIN));

    private final Set<Aggregation> allowed;

    Signal(Set<Aggregation> allowed) {
      this.allowed = allowed;
    }

    public Set<Aggregation> allowed() {
      return allowed;
    }

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How the points of a window are reduced to one value. */
  public enum Aggregation {
    SUM,
    AVG,
    MIN,
    MAX,
    LAST,
    /** Per second over the window. */
    RATE,
    P50,
    P90,
    P95,
    P99;

    static final Set<Aggregation> DISTRIBUTION = Set.of(AVG, MAX, P50, P90, P95, P99);

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public enum Comparator {
    GT(">"),
    GTE(">="),
    LT("<"),
    LTE("<=");

    private final String symbol;

    Comparator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    public boolean holds(double value, double threshold) {
      switch (this) {
        case GT:
          return value > threshold;
        case GTE:
          return value >= threshold;
        case LT:
          return value < threshold;
        default:
          return value <= threshold;
      }
    }

    /** The comparator written as in a rule ({@code >}, {@code >=}, {@code <}, {@code <=}). */
    public static Comparator parse(String s) {
      for (Comparator c : values()) {
        if (c.symbol.equals(s.strip()) || c.name().equalsIgnoreCase(s.strip())) {
          return c;
        }
      }
      return null;
    }
  }

  public enum Severity {
    CRITICAL,
    WARNING,
    INFO;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One alert rule: it fires once {@code aggregation(signal over window) comparator threshold} has
   * held for {@code forDuration}, and resolves as soon as it no longer holds.
   *
   * @param labels attached to notifications; a {@code route} label also limits the rule to that
   *     route (without it the rule watches all routes together)
   * @param webhooks names of the webhooks to notify; empty means all
   */
  public record AlertRule(
      String name,
      Signal signal,
      Aggregation aggregation,
      Duration window,
      Comparator comparator,
      double threshold,
      Duration forDuration,
      Severity severity,
      Map<String, String> labels,
      List<String> webhooks) {
    public AlertRule {
      String path = "monitoring.alerts.rules." + name;
      if (!signal.allowed().contains(aggregation)) {
        throw new IllegalArgumentException(
            path
                + ".aggregation: '"
                + aggregation.label()
                + "' does not apply to "
                + signal.label()
                + "; allowed "
                + signal.allowed().stream().map(Aggregation::label).sorted().toList());
      }
      if (window.compareTo(Duration.ofMinutes(1)) < 0 || window.compareTo(Duration.ofDays(7)) > 0) {
        throw new IllegalArgumentException(
            path + ".window: " + window + " is out of range; allowed 1m..7d");
      }
      if (forDuration.isNegative() || forDuration.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException(
            path + ".for: " + forDuration + " is out of range; allowed 0..1d");
      }
      if (!Double.isFinite(threshold)) {
        throw new IllegalArgumentException(path + ".threshold: must be a finite number");
      }
      labels = Map.copyOf(labels);
      webhooks = List.copyOf(webhooks);
    }

    /** The route the rule is limited to, or null for all routes together. */
    public String route() {
      return labels.get("route");
    }
  }

  /**
   * A route's service-level objectives over a rolling {@code window}: the share of requests that
   * must succeed, and the share that must finish within {@code latencyThreshold}.
   *
   * @param availability target in percent (e.g. 99.9), or NaN when not set
   * @param latencyTarget target in percent of requests faster than {@code latencyThreshold}, or NaN
   */
  public record Slo(
      String route,
      double availability,
      Duration latencyThreshold,
      double latencyTarget,
      Duration window,
      Severity pageSeverity) {
    public Slo {
      String path = "monitoring.slos." + route;
      if (Double.isNaN(availability) && Double.isNaN(latencyTarget)) {
        throw new IllegalArgumentException(path + ": set availability, latency or both");
      }
      for (double t : new double[] {availability, latencyTarget}) {
        if (!Double.isNaN(t) && !(t >= 50 && t < 100)) {
          throw new IllegalArgumentException(
              path + ": target " + t + " is out of range; allowed 50..99.999 (percent)");
        }
      }
      if (!Double.isNaN(latencyTarget) && latencyThreshold == null) {
        throw new IllegalArgumentException(path + ".latency.threshold: required with a target");
      }
      if (window.compareTo(Duration.ofDays(1)) < 0 || window.compareTo(Duration.ofDays(30)) > 0) {
        throw new IllegalArgumentException(
            path + ".window: " + window + " is out of range; allowed 1d..30d");
      }
    }
  }

  /**
   * Input drift watching.
   *
   * @param routes routes watched; empty means every route
   * @param sampleRate share of requests whose input is embedded (0..1)
   * @param reference samples in the reference window (the first ones seen, or the last accepted)
   * @param recent samples in the recent window compared with it
   * @param permutations permutations of the test; its false-alarm rate is at most {@code alpha}
   * @param alpha the test's significance level: the chance of an alarm on an unchanged input
   */
  public record Drift(
      boolean enabled,
      List<String> routes,
      double sampleRate,
      int reference,
      int recent,
      int permutations,
      double alpha) {
    public static final Drift OFF = new Drift(false, List.of(), 0.1, 200, 100, 200, 0.01);

    public Drift {
      routes = List.copyOf(routes);
      if (!(sampleRate > 0 && sampleRate <= 1)) {
        throw new IllegalArgumentException(
            "monitoring.drift.sample_rate: " + sampleRate + " is out of range; allowed (0, 1]");
      }
      Check.range("monitoring.drift.reference", reference, 20, 5000);
      Check.range("monitoring.drift.recent", recent, 20, 5000);
      Check.range("monitoring.drift.permutations", permutations, 20, 10_000);
      if (!(alpha > 0 && alpha <= 0.2) || alpha * (permutations + 1) < 1) {
        throw new IllegalArgumentException(
            "monitoring.drift.alpha: "
                + alpha
                + " is out of range; allowed 1/(permutations+1)..0.2");
      }
    }

    public boolean watches(String route) {
      return enabled && (routes.isEmpty() || routes.contains(route));
    }
  }

  /**
   * One scheduled evaluation ({@code evals[i]}): run {@code suite} against {@code route} every
   * {@code every}; alert when a run fails its thresholds or regresses against the previous run.
   */
  public record EvalSchedule(
      String name, java.nio.file.Path suite, String route, Duration every, Severity severity) {
    public EvalSchedule {
      if (every.compareTo(Duration.ofMinutes(1)) < 0) {
        throw new IllegalArgumentException(
            "evals." + name + ".every: " + every + " is out of range; allowed >= 1m");
      }
    }
  }

  /** Range checks; a class of its own so the nested records do not initialise the outer one. */
  private static final class Check {
    static void range(String path, int v, int min, int max) {
      if (v < min || v > max) {
        throw new IllegalArgumentException(
            path + ": " + v + " is out of range; allowed " + min + ".." + max);
      }
    }
  }
}
