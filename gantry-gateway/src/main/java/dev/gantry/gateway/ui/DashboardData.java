package dev.gantry.gateway.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import dev.gantry.core.events.DriftMeasured;
import dev.gantry.core.events.EventBus;
import dev.gantry.gateway.metrics.Bucket;
import dev.gantry.gateway.metrics.Rollups;
import dev.gantry.gateway.monitoring.Monitoring;
import dev.gantry.store.monitoring.EvalRunRecord;
import io.micrometer.core.instrument.Gauge;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The figures of every dashboard panel for one range and one tenant (or all tenants), as JSON:
 * traffic, errors, latency and time to first token, cost and tokens, spend by tenant, customer and
 * model, guardrail triggers, top errors, upstream health, saturation, alerts and SLO budgets,
 * feedback, evaluation runs, drift, and the stage list. Shared and thread-safe.
 */
final class DashboardData {
  /** A dashboard range and the step of its charts. */
  enum Range {
    M15("15m", Duration.ofMinutes(15), Duration.ofMinutes(1)),
    H1("1h", Duration.ofHours(1), Duration.ofMinutes(1)),
    H24("24h", Duration.ofHours(24), Duration.ofMinutes(15)),
    D7("7d", Duration.ofDays(7), Duration.ofHours(1));

    final String label;
    final Duration span;
    final Duration step;

    Range(String label, Duration span, Duration step) {
      this.label = label;
      this.span = span;
      this.step = step;
    }

    static Range parse(String s) {
      for (Range r : values()) {
        if (r.label.equals(s)) {
          return r;
        }
      }
      return null;
    }
  }

  private final Monitoring monitoring;
  private final Supplier<String> pipeline;
  private final BiPredicate<String, String> healthy;
  private final Map<String, DriftMeasured> drift = new ConcurrentHashMap<>();

  DashboardData(
      Monitoring monitoring,
      EventBus events,
      Supplier<String> pipeline,
      BiPredicate<String, String> healthy) {
    this.monitoring = monitoring;
    this.pipeline = pipeline;
    this.healthy = healthy;
    events.subscribe(DriftMeasured.class, e -> drift.put(e.route(), e));
  }

  /**
   * @param tenant the one tenant shown, or null for every tenant (system tenant only)
   */
  ObjectNode build(Range range, String tenant) {
    Rollups rollups = monitoring.rollups();
    Predicate<Rollups.Key> mine = k -> tenant == null || tenant.equals(k.tenant());
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("range", range.label);
    out.put("tenant", tenant);
    out.put("generated_at", monitoring.clock().instant().toString());
    out.put("step_seconds", range.step.toSeconds());
    Bucket total = rollups.window(range.span, mine);
    out.set("summary", summary(total, range.span));
    List<Bucket> points = rollups.points(range.span, range.step, mine);
    ArrayNode series = out.putArray("series");
    for (Bucket b : points) {
      ArrayNode p = series.addArray();
      p.add(b.requests() / (double) range.step.toSeconds());
      p.add(ratio(b.serverErrors(), b.requests()));
      num(p, b.latencyMillis(0.5));
      num(p, b.latencyMillis(0.95));
      num(p, b.latencyMillis(0.99));
      num(p, b.ttftMillis(0.5));
      num(p, b.ttftMillis(0.95));
      p.add(b.costMicros() / 1e6);
      p.add(b.inputTokens());
      p.add(b.outputTokens());
    }
    out.set("spend_by_model", top(total.spendByModel(), 1e6));
    out.set("spend_by_customer", top(total.spendByCustomer(), 1e6));
    ObjectNode byTenant = out.putObject("spend_by_tenant");
    ObjectNode perRoute = out.putObject("routes");
    Set<String> routes = new TreeSet<>();
    for (Rollups.Key k : rollups.keys()) {
      if (mine.test(k) && !k.route().isEmpty()) {
        routes.add(k.route());
      }
    }
    if (tenant == null) {
      Set<String> tenants = new TreeSet<>();
      rollups.keys().forEach(k -> tenants.add(k.tenant()));
      for (String t : tenants) {
        Bucket b = rollups.window(range.span, k -> t.equals(k.tenant()));
        if (b.requests() > 0 || b.costMicros() > 0) {
          byTenant
              .putObject(t.isEmpty() ? "(none)" : t)
              .put("requests", b.requests())
              .put("cost_usd", b.costMicros() / 1e6);
        }
      }
    }
    for (String r : routes) {
      Bucket b = rollups.window(range.span, k -> mine.test(k) && r.equals(k.route()));
      ObjectNode o = perRoute.putObject(r);
      o.put("requests", b.requests());
      o.put("error_rate", ratio(b.serverErrors(), b.requests()));
      numField(o, "p95_ms", b.latencyMillis(0.95));
      o.put("feedback_ratings", b.feedbackCount());
      numField(o, "feedback_mean", b.feedbackMean());
      o.put("guardrail_trigger_rate", ratio(b.triggered(), b.requests()));
    }
    out.set("guardrails", top(total.guardrails(), 1));
    out.set("errors", top(total.errors(), 1));
    out.set("upstreams", upstreams(rollups.window(range.span, k -> k.tenant().isEmpty())));
    ObjectNode quality = out.putObject("feedback");
    quality.put("ratings", total.feedbackCount());
    numField(quality, "mean", total.feedbackMean());
    if (tenant == null) {
      ObjectNode saturation = out.putObject("saturation");
      numField(saturation, "inflight", gauge("gantry.requests.inflight"));
      numField(saturation, "queue_depth", gauge("gantry.queue.depth"));
      numField(saturation, "workers_active", gauge("gantry.workers.active"));
      JsonNode alerts = monitoring.alerts().toJson(false);
      out.set("alerts", alerts.get("data"));
      out.set("slos", alerts.get("slos"));
      out.set("alert_history", alerts.get("history"));
      out.set("evals", evals());
      out.set("drift", drift());
    } else {
      JsonNode tenantAlerts = monitoring.alerts().toJson(false, tenant);
      out.set("alerts", tenantAlerts.get("data"));
      out.set("slos", tenantSlos(monitoring.alerts().toJson(false).get("slos"), routes));
      out.set("alert_history", tenantAlerts.get("history"));
      out.putArray("evals");
      out.set("drift", drift());
    }
    out.put("pipeline", pipeline.get());
    return out;
  }

  private ObjectNode summary(Bucket b, Duration span) {
    ObjectNode s = Json.MAPPER.createObjectNode();
    s.put("requests", b.requests());
    s.put("requests_per_second", b.requests() / (double) span.toSeconds());
    s.put("error_rate", ratio(b.serverErrors(), b.requests()));
    s.put("client_error_rate", ratio(b.clientErrors(), b.requests()));
    numField(s, "p50_ms", b.latencyMillis(0.5));
    numField(s, "p95_ms", b.latencyMillis(0.95));
    numField(s, "p99_ms", b.latencyMillis(0.99));
    numField(s, "ttft_p50_ms", b.ttftMillis(0.5));
    numField(s, "ttft_p95_ms", b.ttftMillis(0.95));
    numField(s, "ttft_p99_ms", b.ttftMillis(0.99));
    s.put("cost_usd", b.costMicros() / 1e6);
    numField(
        s,
        "cost_per_request_usd",
        b.requests() == 0 ? Double.NaN : b.costMicros() / 1e6 / b.requests());
    s.put("input_tokens", b.inputTokens());
    s.put("output_tokens", b.outputTokens());
    s.put("degraded", b.degraded());
    s.put("guardrail_triggered", b.triggered());
    return s;
  }

  private ArrayNode upstreams(Bucket b) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    Map<String, Long> failed = b.failedAttempts();
    b.attempts().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              String[] pm = e.getKey().split("/", 2);
              long f = failed.getOrDefault(e.getKey(), 0L);
              out.addObject()
                  .put("deployment", e.getKey())
                  .put("attempts", e.getValue())
                  .put("failed", f)
                  .put("success_rate", ratio(e.getValue() - f, e.getValue()))
                  .put(
                      "breaker", pm.length == 2 && !healthy.test(pm[0], pm[1]) ? "open" : "closed");
            });
    return out;
  }

  private ArrayNode evals() {
    ArrayNode out = Json.MAPPER.createArrayNode();
    if (monitoring.store() == null) {
      return out;
    }
    for (EvalRunRecord r : monitoring.store().evalRuns(null, 20)) {
      out.addObject()
          .put("name", r.name())
          .put("route", r.route())
          .put("time", r.time().toString())
          .put("cases", r.cases())
          .put("pass_rate", r.passRate())
          .put("passed", r.passed())
          .put("summary", r.summary());
    }
    return out;
  }

  private ArrayNode drift() {
    ArrayNode out = Json.MAPPER.createArrayNode();
    drift.values().stream()
        .sorted(Comparator.comparing(DriftMeasured::route))
        .forEach(
            d ->
                out.addObject()
                    .put("route", d.route())
                    .put("score", d.score())
                    .put("p_value", d.pValue())
                    .put("samples", d.samples())
                    .put("drifted", d.drifted())
                    .put("kb_unanswerable", d.unanswerableShare())
                    .put("guardrail_triggers", d.guardrailTriggerShare()));
    return out;
  }

  private static ArrayNode tenantSlos(JsonNode slos, Set<String> routes) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (JsonNode s : slos) {
      if (routes.contains(s.path("route").asText())) {
        out.add(s);
      }
    }
    return out;
  }

  private double gauge(String name) {
    Gauge g = monitoring.metrics().registry().find(name).gauge();
    return g == null ? Double.NaN : g.value();
  }

  private static ArrayNode top(Map<String, Long> values, double scale) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    values.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(10)
        .forEach(e -> out.addObject().put("name", e.getKey()).put("value", e.getValue() / scale));
    return out;
  }

  private static double ratio(long a, long b) {
    return b == 0 ? 0 : (double) a / b;
  }

  private static void num(ArrayNode a, double v) {
    if (Double.isFinite(v)) {
      a.add(v);
    } else {
      a.addNull();
    }
  }

  private static void numField(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }
}
