package dev.gantry.gateway.alerts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import dev.gantry.core.config.MonitoringConfig;
import dev.gantry.core.config.MonitoringConfig.AlertRule;
import dev.gantry.core.config.MonitoringConfig.Severity;
import dev.gantry.core.events.AlertChanged;
import dev.gantry.core.events.DriftMeasured;
import dev.gantry.core.events.EvalRunCompleted;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.GantryEvent;
import dev.gantry.gateway.metrics.CostEvents;
import dev.gantry.gateway.metrics.Rollups;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates the alerts: configured rules ({@code value comparator threshold} held for {@code for}),
 * the SLOs' burn-rate pairs, and alerts raised by events — a soft spend limit reached (until its
 * period ends), input drift on a route (until a later measurement shows none), a scheduled
 * evaluation that failed its thresholds or regressed (until a later run passes). Each change is
 * published as {@link AlertChanged} and sent to the webhooks. {@link #evaluate} runs on the
 * monitoring schedule, on the injected clock. Shared and thread-safe.
 */
public final class AlertEngine {
  static final int HISTORY = 100;

  private final MonitoringConfig config;
  private final Rollups rollups;
  private final Signals signals;
  private final EventBus events;
  private final Clock clock;
  private final Webhooks webhooks;
  private final Map<String, Alert> alerts = new LinkedHashMap<>();
  private final Deque<AlertChanged> history = new ArrayDeque<>();
  private volatile Runnable onExpiring = () -> {};

  /** What kind of thing raised an alert. */
  enum Kind {
    RULE,
    SLO,
    BUDGET,
    DRIFT,
    EVAL
  }

  /** The state of one alert. Guarded by the engine. */
  private static final class Alert {
    final String name;
    final Kind kind;
    Severity severity;
    Map<String, String> labels;
    List<String> hooks;
    String summary = "";
    boolean pending;
    boolean firing;
    Instant since;
    Instant expires;
    double value = Double.NaN;
    double threshold = Double.NaN;

    Alert(
        String name, Kind kind, Severity severity, Map<String, String> labels, List<String> hooks) {
      this.name = name;
      this.kind = kind;
      this.severity = severity;
      this.labels = labels;
      this.hooks = hooks;
    }
  }

  public AlertEngine(
      MonitoringConfig config, Rollups rollups, EventBus events, Clock clock, Webhooks webhooks) {
    this.config = config;
    this.rollups = rollups;
    this.signals = new Signals(rollups);
    this.events = events;
    this.clock = clock;
    this.webhooks = webhooks;
    for (AlertRule r : config.alerts().rules()) {
      alerts.put(r.name(), new Alert(r.name(), Kind.RULE, r.severity(), r.labels(), r.webhooks()));
    }
  }

  /** Called when an alert that resolves at a given time is raised (to start the evaluations). */
  public void whenExpiring(Runnable hook) {
    this.onExpiring = hook;
  }

  public void attach(EventBus bus) {
    bus.subscribe(DriftMeasured.class, this::drift);
    bus.subscribe(EvalRunCompleted.class, this::eval);
    bus.subscribe(dev.gantry.core.events.SpendLimitWarning.class, this::softLimit);
  }

  /** Evaluates every rule and SLO now; fires and resolves alerts accordingly. */
  public synchronized void evaluate() {
    Instant now = clock.instant();
    for (AlertRule r : config.alerts().rules()) {
      double v = signals.value(r.signal(), r.aggregation(), r.window(), r.route());
      boolean holds = !Double.isNaN(v) && r.comparator().holds(v, r.threshold());
      Alert a = alerts.get(r.name());
      a.value = v;
      a.threshold = r.threshold();
      a.summary =
          r.signal().label()
              + " "
              + r.aggregation().label()
              + " over "
              + Slos.human(r.window())
              + (r.route() == null ? "" : " on " + r.route())
              + " is "
              + Webhooks.format(v)
              + " ("
              + r.comparator().symbol()
              + " "
              + Webhooks.format(r.threshold())
              + ")";
      step(a, holds, r.forDuration(), now);
    }
    for (MonitoringConfig.Slo slo : config.slos().values()) {
      for (Slos.Objective o : Slos.objectives(slo)) {
        for (Slos.BurnWindow w : Slos.WINDOWS) {
          double longBurn = Slos.burnRate(rollups, o, w.longWindow());
          double shortBurn = Slos.burnRate(rollups, o, w.shortWindow());
          boolean holds = longBurn >= w.burn() && shortBurn >= w.burn();
          String name = "slo_" + slo.route() + "_" + o.name() + "_" + w.label();
          Alert a =
              alerts.computeIfAbsent(
                  name,
                  n ->
                      new Alert(
                          n,
                          Kind.SLO,
                          o.severity(w),
                          Map.of(
                              "route", slo.route(),
                              "objective", o.name(),
                              "windows", w.label()),
                          List.of()));
          a.value = Math.min(longBurn, shortBurn);
          a.threshold = w.burn();
          a.summary =
              o.name()
                  + " SLO of "
                  + slo.route()
                  + ": error budget burning at "
                  + Webhooks.format(longBurn)
                  + "× over "
                  + Slos.human(w.longWindow())
                  + " and "
                  + Webhooks.format(shortBurn)
                  + "× over "
                  + Slos.human(w.shortWindow())
                  + " (alert at "
                  + Webhooks.format(w.burn())
                  + "×)";
          step(a, holds, Duration.ZERO, now);
        }
      }
    }
    for (Alert a : alerts.values()) {
      if (a.firing && a.expires != null && !now.isBefore(a.expires)) {
        a.expires = null;
        change(a, false, now);
      }
    }
  }

  private void step(Alert a, boolean holds, Duration forDuration, Instant now) {
    if (holds) {
      if (!a.pending && !a.firing) {
        a.pending = true;
        a.since = now;
      }
      if (a.pending && !now.isBefore(a.since.plus(forDuration))) {
        a.pending = false;
        change(a, true, now);
      }
    } else {
      a.pending = false;
      if (a.firing) {
        change(a, false, now);
      }
    }
  }

  private void change(Alert a, boolean firing, Instant now) {
    a.firing = firing;
    a.since = now;
    AlertChanged event =
        new AlertChanged(
            a.name, a.severity.label(), firing, a.labels, a.summary, a.value, a.threshold, now);
    history.addFirst(event);
    while (history.size() > HISTORY) {
      history.removeLast();
    }
    events.publish(event);
    webhooks.send(event, a.hooks);
  }

  /** Raises (or refreshes) an alert from an event; it resolves at {@code expires} if not null. */
  private synchronized void raise(
      String name,
      Kind kind,
      Severity severity,
      Map<String, String> labels,
      String summary,
      double value,
      double threshold,
      Instant expires) {
    Alert a = alerts.computeIfAbsent(name, n -> new Alert(n, kind, severity, labels, List.of()));
    a.labels = labels;
    a.summary = summary;
    a.value = value;
    a.threshold = threshold;
    a.expires = expires;
    if (!a.firing) {
      change(a, true, clock.instant());
    }
    if (expires != null) {
      onExpiring.run();
    }
  }

  private synchronized void clear(String name, double value, String summary) {
    Alert a = alerts.get(name);
    if (a != null && a.firing) {
      a.value = value;
      a.summary = summary;
      change(a, false, clock.instant());
    }
  }

  void drift(DriftMeasured e) {
    signals.drift.put(e.route(), e.score());
    String name = "drift_" + e.route();
    String summary =
        "input drift on "
            + e.route()
            + ": MMD² "
            + Webhooks.format(e.statistic())
            + " vs threshold "
            + Webhooks.format(e.threshold())
            + " (p = "
            + Webhooks.format(e.pValue())
            + ", "
            + e.samples()
            + " samples)";
    if (e.drifted()) {
      raise(
          name,
          Kind.DRIFT,
          Severity.WARNING,
          Map.of("route", e.route()),
          summary,
          e.score(),
          1,
          null);
    } else {
      clear(name, e.score(), summary);
    }
  }

  void eval(EvalRunCompleted e) {
    signals.evalPassRate.put(e.name(), e.passRate());
    signals.evalRoute.put(e.name(), e.route());
    String name = "eval_" + e.name();
    String summary =
        e.error() != null
            ? "scheduled evaluation " + e.name() + " could not run: " + e.error()
            : "scheduled evaluation "
                + e.name()
                + " on "
                + e.route()
                + ": pass rate "
                + Webhooks.format(e.passRate())
                + (e.thresholdsPassed() ? "" : ", thresholds failed")
                + (e.regressed().isEmpty()
                    ? ""
                    : ", regressed: " + String.join(", ", e.regressed()));
    Severity severity =
        config.evals().stream()
            .filter(s -> s.name().equals(e.name()))
            .map(MonitoringConfig.EvalSchedule::severity)
            .findFirst()
            .orElse(Severity.WARNING);
    if (e.failed()) {
      raise(
          name,
          Kind.EVAL,
          severity,
          Map.of("suite", e.name(), "route", e.route()),
          summary,
          e.passRate(),
          Double.NaN,
          null);
    } else {
      clear(name, e.passRate(), summary);
    }
  }

  void softLimit(GantryEvent event) {
    Map<String, String> labels = CostEvents.softLimitLabels(event);
    if (labels == null) {
      return;
    }
    Instant end = CostEvents.periodEnd(event);
    String name =
        "budget_" + labels.getOrDefault("code", "soft") + "_" + labels.getOrDefault("subject", "");
    raise(
        name,
        Kind.BUDGET,
        Severity.WARNING,
        labels,
        "spend of "
            + labels.getOrDefault("subject", "")
            + (labels.getOrDefault("tenant", "").isEmpty()
                ? ""
                : " (tenant " + labels.get("tenant") + ")")
            + " reached the soft limit "
            + labels.getOrDefault("code", "")
            + ": "
            + usd(labels.get("spentMicros"))
            + " of "
            + usd(labels.get("softMicros"))
            + (end == null ? "" : ", until " + end),
        parse(labels.get("spentMicros")) / 1e6,
        parse(labels.get("softMicros")) / 1e6,
        end != null ? end : clock.instant().plus(Duration.ofDays(1)));
  }

  private static String usd(String micros) {
    double v = parse(micros);
    return Double.isNaN(v) ? "?" : "USD " + dev.gantry.core.cost.Usd.format((long) v);
  }

  private static double parse(String s) {
    try {
      return s == null ? Double.NaN : Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** Names of the alerts firing now. */
  public synchronized Set<String> firing() {
    Set<String> out = new java.util.TreeSet<>();
    alerts
        .values()
        .forEach(
            a -> {
              if (a.firing) {
                out.add(a.name);
              }
            });
    return out;
  }

  /**
   * The alerts as JSON ({@code GET /admin/alerts}): every alert that is firing or pending (all
   * configured rules when {@code all}), the SLOs' error budget left, and the recent changes.
   */
  public ObjectNode toJson(boolean all) {
    return toJson(all, null);
  }

  /**
   * The alerts as {@link #toJson(boolean)} shows them, or, for one {@code tenant} (null: every
   * tenant), only the alerts and changes labelled with that tenant (budget alerts), without the
   * SLOs and webhook counters, which span tenants.
   */
  public synchronized ObjectNode toJson(boolean all, String tenant) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("object", "alerts");
    out.put("evaluated_at", clock.instant().toString());
    if (tenant != null) {
      out.put("tenant", tenant);
    }
    ArrayNode data = out.putArray("data");
    for (Alert a : alerts.values()) {
      if (!all && !a.firing && !a.pending || !ofTenant(a.labels, tenant)) {
        continue;
      }
      ObjectNode o = data.addObject();
      o.put("name", a.name);
      o.put("kind", a.kind.name().toLowerCase(java.util.Locale.ROOT));
      o.put("state", a.firing ? "firing" : a.pending ? "pending" : "inactive");
      o.put("severity", a.severity.label());
      o.put("summary", a.summary);
      if (a.since != null && (a.firing || a.pending)) {
        o.put("since", a.since.toString());
      }
      putNumber(o, "value", a.value);
      putNumber(o, "threshold", a.threshold);
      o.set("labels", Json.MAPPER.valueToTree(a.labels));
    }
    ArrayNode slos = out.putArray("slos");
    for (MonitoringConfig.Slo slo :
        tenant == null ? config.slos().values() : List.<MonitoringConfig.Slo>of()) {
      for (Slos.Objective o : Slos.objectives(slo)) {
        ObjectNode s = slos.addObject();
        s.put("route", slo.route());
        s.put("objective", o.name());
        s.put("target", o.target());
        s.put("window", Slos.human(slo.window()));
        putNumber(s, "error_budget_left", Slos.budgetLeft(rollups, o));
        if (o.latency()) {
          s.put("latency_threshold_ms", slo.latencyThreshold().toMillis());
        }
      }
    }
    ArrayNode recent = out.putArray("history");
    for (AlertChanged c : new ArrayList<>(history)) {
      if (!ofTenant(c.labels(), tenant)) {
        continue;
      }
      ObjectNode h = recent.addObject();
      h.put("name", c.name());
      h.put("status", c.firing() ? "firing" : "resolved");
      h.put("severity", c.severity());
      h.put("at", c.at().toString());
      h.put("summary", c.summary());
    }
    if (tenant == null) {
      ObjectNode delivery = out.putObject("webhooks");
      delivery.put("sent", webhooks.sent());
      delivery.put("failed", webhooks.failed());
    }
    return out;
  }

  private static boolean ofTenant(Map<String, String> labels, String tenant) {
    return tenant == null || labels != null && tenant.equals(labels.get("tenant"));
  }

  private static void putNumber(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }
}
