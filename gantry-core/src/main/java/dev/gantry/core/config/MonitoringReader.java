package dev.gantry.core.config;

import dev.gantry.core.config.MonitoringConfig.Aggregation;
import dev.gantry.core.config.MonitoringConfig.AlertRule;
import dev.gantry.core.config.MonitoringConfig.Comparator;
import dev.gantry.core.config.MonitoringConfig.EvalSchedule;
import dev.gantry.core.config.MonitoringConfig.Severity;
import dev.gantry.core.config.MonitoringConfig.Signal;
import dev.gantry.core.config.MonitoringConfig.Slo;
import dev.gantry.core.config.MonitoringConfig.Webhook;
import dev.gantry.core.config.MonitoringConfig.WebhookFormat;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads {@code monitoring} and {@code evals}. Collects problems; one per load. */
final class MonitoringReader {
  static final List<String> KEYS =
      List.of("metrics", "tracing", "dashboard", "alerts", "slos", "drift");
  static final List<String> METRICS_KEYS =
      List.of("enabled", "public_listener", "tenant_labels", "customer_labels");
  static final List<String> TRACING_KEYS =
      List.of("enabled", "otlp_endpoint", "sample_ratio", "service_name", "headers");
  static final List<String> ALERTS_KEYS = List.of("evaluate_every", "webhooks", "rules");
  static final List<String> WEBHOOK_KEYS = List.of("name", "url", "format");
  static final List<String> RULE_KEYS =
      List.of(
          "name",
          "metric",
          "aggregation",
          "window",
          "comparator",
          "threshold",
          "for",
          "severity",
          "labels",
          "webhooks");
  static final List<String> SLO_KEYS = List.of("availability", "latency", "window", "severity");
  static final List<String> DRIFT_KEYS =
      List.of("enabled", "routes", "sample_rate", "reference", "recent", "permutations", "alpha");
  static final List<String> EVAL_KEYS = List.of("name", "suite", "route", "every", "severity");

  private final NodeReader r;
  private final Problems problems;

  MonitoringReader(NodeReader reader) {
    this.r = reader;
    this.problems = reader.problems();
  }

  MonitoringConfig read(Node node, Node evalsNode, Set<String> routes) {
    MonitoringConfig d = MonitoringConfig.DEFAULTS;
    Map<String, Node> m = r.map(node, "monitoring", KEYS);
    List<EvalSchedule> evals = evals(evalsNode, routes);
    if (m == null) {
      m = Map.of();
    }
    Map<String, Node> dash =
        r.map(m.get("dashboard"), "monitoring.dashboard", List.of("session_ttl"));
    Duration ttl =
        r.duration(
            dash == null ? null : dash.get("session_ttl"),
            "monitoring.dashboard.session_ttl",
            d.sessionTtl(),
            false);
    MonitoringConfig.Metrics metrics = metrics(m.get("metrics"));
    MonitoringConfig.Tracing tracing = tracing(m.get("tracing"));
    MonitoringConfig.Alerts alerts = alerts(m.get("alerts"), routes);
    Map<String, Slo> slos = slos(m.get("slos"), routes);
    MonitoringConfig.Drift drift = drift(m.get("drift"), routes);
    return build(
        "monitoring",
        () ->
            new MonitoringConfig(
                metrics == null ? d.metrics() : metrics,
                tracing == null ? d.tracing() : tracing,
                ttl,
                alerts == null ? d.alerts() : alerts,
                slos,
                drift == null ? d.drift() : drift,
                evals),
        d);
  }

  private MonitoringConfig.Metrics metrics(Node node) {
    Map<String, Node> m = r.map(node, "monitoring.metrics", METRICS_KEYS);
    if (m == null) {
      return null;
    }
    var d = MonitoringConfig.Metrics.DEFAULTS;
    int max = MonitoringConfig.Metrics.MAX_LABELS;
    return new MonitoringConfig.Metrics(
        r.bool(m.get("enabled"), "monitoring.metrics.enabled", d.enabled()),
        r.bool(m.get("public_listener"), "monitoring.metrics.public_listener", false),
        r.integer(m.get("tenant_labels"), "monitoring.metrics.tenant_labels", 0, 0, max),
        r.integer(m.get("customer_labels"), "monitoring.metrics.customer_labels", 0, 0, max));
  }

  private MonitoringConfig.Tracing tracing(Node node) {
    // Without a tracing block no spans are made (writing one turns them on).
    Map<String, Node> m =
        NodeReader.absent(node) ? null : r.map(node, "monitoring.tracing", TRACING_KEYS);
    if (m == null) {
      return null;
    }
    var d = MonitoringConfig.Tracing.OFF;
    URI endpoint = uri(m.get("otlp_endpoint"), "monitoring.tracing.otlp_endpoint");
    boolean enabled = r.bool(m.get("enabled"), "monitoring.tracing.enabled", true);
    double ratio = r.decimal(m.get("sample_ratio"), "monitoring.tracing.sample_ratio", 1.0, 0, 1);
    String service =
        r.string(m.get("service_name"), "monitoring.tracing.service_name", d.serviceName());
    Map<String, String> headers = new LinkedHashMap<>();
    Map<String, Node> h = r.map(m.get("headers"), "monitoring.tracing.headers", null);
    if (h != null) {
      h.forEach(
          (k, v) -> {
            Text t = r.text(v, "monitoring.tracing.headers." + k, true);
            if (t != null) {
              headers.put(k, t.value());
            }
          });
    }
    return build(
        "monitoring.tracing",
        () -> new MonitoringConfig.Tracing(enabled, endpoint, ratio, service, headers),
        null);
  }

  private MonitoringConfig.Alerts alerts(Node node, Set<String> routes) {
    Map<String, Node> m = r.map(node, "monitoring.alerts", ALERTS_KEYS);
    if (m == null) {
      return null;
    }
    Duration every =
        r.duration(
            m.get("evaluate_every"),
            "monitoring.alerts.evaluate_every",
            MonitoringConfig.Alerts.NONE.evaluateEvery(),
            false);
    List<Webhook> hooks = new ArrayList<>();
    List<Node> items = r.list(m.get("webhooks"), "monitoring.alerts.webhooks");
    for (int i = 0; items != null && i < items.size(); i++) {
      String path = "monitoring.alerts.webhooks[" + i + "]";
      Map<String, Node> w = r.map(items.get(i), path, WEBHOOK_KEYS);
      if (w == null) {
        continue;
      }
      String name = r.required(w.get("name"), path + ".name", "a name for the webhook");
      URI url = uri(w.get("url"), path + ".url");
      String format = r.string(w.get("format"), path + ".format", "json");
      WebhookFormat f = parseEnum(WebhookFormat.class, format, path + ".format");
      if (name != null && url != null && f != null) {
        Webhook hook = build(path, () -> new Webhook(name, url, f), null);
        if (hook != null) {
          hooks.add(hook);
        }
      } else if (NodeReader.absent(w.get("url"))) {
        problems.add(path + ".url", "required but missing; expected an http(s) URL");
      }
    }
    Set<String> hookNames = new java.util.HashSet<>();
    hooks.forEach(h -> hookNames.add(h.name()));
    List<AlertRule> rules = new ArrayList<>();
    List<Node> ruleNodes = r.list(m.get("rules"), "monitoring.alerts.rules");
    for (int i = 0; ruleNodes != null && i < ruleNodes.size(); i++) {
      AlertRule rule = rule(ruleNodes.get(i), "monitoring.alerts.rules[" + i + "]", routes);
      if (rule != null) {
        for (String hook : rule.webhooks()) {
          if (!hookNames.contains(hook)) {
            problems.add(
                "monitoring.alerts.rules[" + i + "].webhooks",
                "'" + hook + "' is not a configured webhook; configured: " + hookNames);
          }
        }
        rules.add(rule);
      }
    }
    return build("monitoring.alerts", () -> new MonitoringConfig.Alerts(every, hooks, rules), null);
  }

  private AlertRule rule(Node node, String path, Set<String> routes) {
    Map<String, Node> m = r.map(node, path, RULE_KEYS);
    if (m == null) {
      return null;
    }
    String name = r.required(m.get("name"), path + ".name", "a name for the rule");
    String metric = r.required(m.get("metric"), path + ".metric", signals());
    Signal signal = metric == null ? null : parseEnum(Signal.class, metric, path + ".metric");
    String agg =
        r.string(
            m.get("aggregation"),
            path + ".aggregation",
            signal == null ? "avg" : defaultAggregation(signal));
    Aggregation aggregation = parseEnum(Aggregation.class, agg, path + ".aggregation");
    Duration window = r.duration(m.get("window"), path + ".window", Duration.ofMinutes(5), false);
    String cmp = r.string(m.get("comparator"), path + ".comparator", ">");
    Comparator comparator = Comparator.parse(cmp);
    if (comparator == null) {
      problems.add(path + ".comparator", "'" + cmp + "' is not one of >, >=, <, <=");
    }
    if (NodeReader.absent(m.get("threshold"))) {
      problems.add(path + ".threshold", "required but missing; expected a number");
    }
    double threshold = r.decimal(m.get("threshold"), path + ".threshold", 0, -1e15, 1e15);
    Duration forDuration = r.duration(m.get("for"), path + ".for", Duration.ZERO, true);
    Severity severity =
        parseEnum(
            Severity.class,
            r.string(m.get("severity"), path + ".severity", "warning"),
            path + ".severity");
    Map<String, String> labels = new LinkedHashMap<>();
    Map<String, Node> l = r.map(m.get("labels"), path + ".labels", null);
    if (l != null) {
      l.forEach((k, v) -> labels.put(k, r.string(v, path + ".labels." + k, "")));
    }
    if (labels.containsKey("route") && routes != null && !routes.contains(labels.get("route"))) {
      problems.add(
          path + ".labels.route", "'" + labels.get("route") + "' is not a configured route");
    }
    List<String> hooks = r.strings(m.get("webhooks"), path + ".webhooks");
    if (name == null
        || signal == null
        || aggregation == null
        || comparator == null
        || severity == null) {
      return null;
    }
    return build(
        "monitoring.alerts.rules",
        () ->
            new AlertRule(
                name,
                signal,
                aggregation,
                window,
                comparator,
                threshold,
                forDuration,
                severity,
                labels,
                hooks),
        null);
  }

  private static String defaultAggregation(Signal s) {
    return s.allowed().size() == 1
        ? s.allowed().iterator().next().label()
        : s.allowed().contains(Aggregation.P99) ? "p99" : s.allowed().iterator().next().label();
  }

  private static String signals() {
    StringBuilder b = new StringBuilder("one of ");
    for (Signal s : Signal.values()) {
      b.append(s.ordinal() == 0 ? "" : ", ").append(s.label());
    }
    return b.toString();
  }

  private Map<String, Slo> slos(Node node, Set<String> routes) {
    Map<String, Node> m = r.map(node, "monitoring.slos", null);
    Map<String, Slo> out = new LinkedHashMap<>();
    if (m == null) {
      return out;
    }
    m.forEach(
        (route, n) -> {
          String path = "monitoring.slos." + route;
          if (routes != null && !routes.contains(route)) {
            problems.add(path, "'" + route + "' is not a configured route");
          }
          Map<String, Node> s = r.map(n, path, SLO_KEYS);
          if (s == null) {
            return;
          }
          double availability =
              NodeReader.absent(s.get("availability"))
                  ? Double.NaN
                  : r.decimal(s.get("availability"), path + ".availability", 99, 50, 99.999);
          Map<String, Node> lat =
              NodeReader.absent(s.get("latency"))
                  ? null
                  : r.map(s.get("latency"), path + ".latency", List.of("threshold", "target"));
          Duration threshold =
              lat == null
                  ? null
                  : r.duration(lat.get("threshold"), path + ".latency.threshold", null, false);
          double target =
              lat == null
                  ? Double.NaN
                  : r.decimal(lat.get("target"), path + ".latency.target", 99, 50, 99.999);
          Duration window =
              r.duration(s.get("window"), path + ".window", Duration.ofDays(30), false);
          Severity severity =
              parseEnum(
                  Severity.class,
                  r.string(s.get("severity"), path + ".severity", "critical"),
                  path + ".severity");
          Slo slo =
              build(
                  path,
                  () ->
                      new Slo(
                          route,
                          availability,
                          threshold,
                          target,
                          window,
                          severity == null ? Severity.CRITICAL : severity),
                  null);
          if (slo != null) {
            out.put(route, slo);
          }
        });
    return out;
  }

  private MonitoringConfig.Drift drift(Node node, Set<String> routes) {
    // Without a drift block nothing is watched (writing one turns it on).
    Map<String, Node> m =
        NodeReader.absent(node) ? null : r.map(node, "monitoring.drift", DRIFT_KEYS);
    if (m == null) {
      return null;
    }
    var d = MonitoringConfig.Drift.OFF;
    String p = "monitoring.drift.";
    List<String> watched = r.strings(m.get("routes"), p + "routes");
    for (String route : watched) {
      if (routes != null && !routes.contains(route)) {
        problems.add(p + "routes", "'" + route + "' is not a configured route");
      }
    }
    boolean enabled = r.bool(m.get("enabled"), p + "enabled", true);
    double rate = r.decimal(m.get("sample_rate"), p + "sample_rate", d.sampleRate(), 0.0001, 1);
    int reference = r.integer(m.get("reference"), p + "reference", d.reference(), 20, 5000);
    int recent = r.integer(m.get("recent"), p + "recent", d.recent(), 20, 5000);
    int perms = r.integer(m.get("permutations"), p + "permutations", d.permutations(), 20, 10_000);
    double alpha = r.decimal(m.get("alpha"), p + "alpha", d.alpha(), 0.0001, 0.2);
    return build(
        "monitoring.drift",
        () -> new MonitoringConfig.Drift(enabled, watched, rate, reference, recent, perms, alpha),
        null);
  }

  private List<EvalSchedule> evals(Node node, Set<String> routes) {
    List<EvalSchedule> out = new ArrayList<>();
    List<Node> items = r.list(node, "evals");
    for (int i = 0; items != null && i < items.size(); i++) {
      String path = "evals[" + i + "]";
      Map<String, Node> m = r.map(items.get(i), path, EVAL_KEYS);
      if (m == null) {
        continue;
      }
      String suite = r.required(m.get("suite"), path + ".suite", "the path of an eval suite");
      String route = r.required(m.get("route"), path + ".route", "a configured route");
      String name = r.string(m.get("name"), path + ".name", route == null ? "eval" + i : route);
      if (route != null && routes != null && !routes.contains(route)) {
        problems.add(path + ".route", "'" + route + "' is not a configured route");
      }
      if (suite != null && !java.nio.file.Files.isReadable(java.nio.file.Path.of(suite.strip()))) {
        problems.add(path + ".suite", "'" + suite.strip() + "' is not a readable file");
      }
      Duration every = r.duration(m.get("every"), path + ".every", Duration.ofHours(1), false);
      Severity severity =
          parseEnum(
              Severity.class,
              r.string(m.get("severity"), path + ".severity", "warning"),
              path + ".severity");
      if (suite != null && route != null && severity != null) {
        EvalSchedule e =
            build(
                path,
                () ->
                    new EvalSchedule(
                        name, java.nio.file.Path.of(suite.strip()), route, every, severity),
                null);
        if (e != null) {
          out.add(e);
        }
      }
    }
    return out;
  }

  private URI uri(Node node, String path) {
    String v = r.string(node, path, null);
    if (v == null) {
      return null;
    }
    try {
      URI u = new URI(v.strip());
      if (u.getScheme() == null || u.getHost() == null) {
        problems.add(path, "'" + v.strip() + "' is not an absolute http(s) URL");
        return null;
      }
      return u;
    } catch (java.net.URISyntaxException e) {
      problems.add(path, "'" + v.strip() + "' is not a URL");
      return null;
    }
  }

  private <E extends Enum<E>> E parseEnum(Class<E> type, String value, String path) {
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> allowed = new ArrayList<>();
      for (E c : type.getEnumConstants()) {
        allowed.add(c.name().toLowerCase(Locale.ROOT));
      }
      problems.add(path, "'" + value.strip() + "' is not allowed; allowed " + allowed);
      return null;
    }
  }

  /** Builds a validating record, turning its refusal into a problem; {@code fallback} then. */
  private <T> T build(String path, Supplier<T> make, T fallback) {
    try {
      return make.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      String msg = String.valueOf(e.getMessage());
      problems.add(msg.startsWith("monitoring") || msg.startsWith("evals") ? "" : path, msg);
      return fallback;
    }
  }
}
