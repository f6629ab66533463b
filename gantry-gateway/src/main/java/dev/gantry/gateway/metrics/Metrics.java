package dev.gantry.gateway.metrics;

import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.GuardrailEvaluated;
import dev.gantry.core.events.RequestCompleted;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters and latency histograms fed by events: requests by route and status (with degraded
 * answers counted apart), guardrail evaluations by route, check, phase and outcome, and guardrail
 * latency. Rendered in the Prometheus text exposition format. Shared and thread-safe; updates are
 * lock-free.
 */
public final class Metrics {
  /** Upper bounds of the latency buckets, in seconds. */
  static final double[] BUCKETS = {
    0.0005, 0.001, 0.002, 0.005, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60
  };

  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
  private final Map<String, Histogram> histograms = new ConcurrentHashMap<>();
  private final Map<String, java.util.function.DoubleSupplier> gauges = new ConcurrentHashMap<>();

  /** A cumulative histogram of one label set. */
  static final class Histogram {
    final LongAdder[] buckets = new LongAdder[BUCKETS.length];
    final LongAdder count = new LongAdder();
    final java.util.concurrent.atomic.DoubleAdder sum =
        new java.util.concurrent.atomic.DoubleAdder();

    Histogram() {
      for (int i = 0; i < buckets.length; i++) {
        buckets[i] = new LongAdder();
      }
    }

    void observe(double seconds) {
      for (int i = 0; i < BUCKETS.length; i++) {
        if (seconds <= BUCKETS[i]) {
          buckets[i].increment();
        }
      }
      count.increment();
      sum.add(seconds);
    }
  }

  /** Subscribes to the events it counts. */
  public void attach(EventBus events) {
    events.subscribe(GuardrailEvaluated.class, this::guardrail);
    events.subscribe(RequestCompleted.class, this::request);
    events.subscribe(dev.gantry.core.events.DegradedAnswer.class, e -> degraded(e.route()));
    new CostMetrics(this).attach(events);
    events.subscribe(dev.gantry.core.events.AdmissionDecided.class, this::admission);
  }

  void admission(dev.gantry.core.events.AdmissionDecided e) {
    if (e.admitted()) {
      histograms
          .computeIfAbsent(
              "gantry_queue_wait_seconds" + labels("code", e.code()), k -> new Histogram())
          .observe(e.waitedNanos() / 1e9);
    } else {
      inc(
          "gantry_rate_limited_total"
              + labels(
                  "code",
                  e.code(),
                  "status",
                  Integer.toString(e.status()),
                  "shed",
                  Boolean.toString(e.shed())));
    }
  }

  /** Registers a gauge {@code name{labels}} read at each scrape (e.g. the queue depth). */
  public void gauge(String nameAndLabels, java.util.function.DoubleSupplier value) {
    gauges.put(nameAndLabels.contains("{") ? nameAndLabels : nameAndLabels + "{}", value);
  }

  void guardrail(GuardrailEvaluated e) {
    String phase = e.phase().label();
    String labels =
        labels(
            "route", e.route(), "check", e.check(), "phase", phase, "outcome", e.outcome().label());
    inc("gantry_guardrail_evaluations_total" + labels);
    if (e.failed()) {
      inc("gantry_guardrail_failures_total" + labels("route", e.route(), "check", e.check()));
    }
    histograms
        .computeIfAbsent(
            "gantry_guardrail_seconds" + labels("check", e.check(), "phase", phase),
            k -> new Histogram())
        .observe(e.nanos() / 1e9);
  }

  void request(RequestCompleted e) {
    inc(
        "gantry_requests_total"
            + labels(
                "endpoint",
                e.endpoint(),
                "route",
                e.route(),
                "status",
                Integer.toString(e.status())));
    histograms
        .computeIfAbsent(
            "gantry_request_seconds" + labels("endpoint", e.endpoint(), "route", e.route()),
            k -> new Histogram())
        .observe(e.totalNanos() / 1e9);
  }

  /** Counts an answer served by a last-resort fallback (e.g. the extractive provider). */
  public void degraded(String route) {
    inc("gantry_degraded_answers_total" + labels("route", route));
  }

  private void inc(String key) {
    counters.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  /** Adds {@code delta} to the counter {@code name{labels}}. */
  void add(String name, long delta, String... labels) {
    counters.computeIfAbsent(name + labels(labels), k -> new LongAdder()).add(delta);
  }

  static String labels(String... kv) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i + 1 < kv.length; i += 2) {
      if (i > 0) {
        b.append(',');
      }
      b.append(kv[i]).append("=\"").append(escape(kv[i + 1])).append('"');
    }
    return b.append('}').toString();
  }

  private static String escape(String v) {
    if (v == null) {
      return "";
    }
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /** Everything, in the Prometheus text exposition format (version 0.0.4). */
  public String render() {
    StringBuilder out = new StringBuilder();
    Map<String, Long> sortedCounters = new TreeMap<>();
    counters.forEach((k, v) -> sortedCounters.put(k, v.sum()));
    String family = null;
    for (Map.Entry<String, Long> e : sortedCounters.entrySet()) {
      String name = e.getKey().substring(0, e.getKey().indexOf('{'));
      if (!name.equals(family)) {
        out.append("# TYPE ").append(name).append(" counter\n");
        family = name;
      }
      out.append(e.getKey()).append(' ').append(e.getValue()).append('\n');
    }
    Map<String, java.util.function.DoubleSupplier> sortedGauges = new TreeMap<>(gauges);
    family = null;
    for (Map.Entry<String, java.util.function.DoubleSupplier> e : sortedGauges.entrySet()) {
      String key = e.getKey();
      String name = key.substring(0, key.indexOf('{'));
      if (!name.equals(family)) {
        out.append("# TYPE ").append(name).append(" gauge\n");
        family = name;
      }
      double v = e.getValue().getAsDouble();
      out.append(key.endsWith("{}") ? name : key)
          .append(' ')
          .append(v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v))
          .append('\n');
    }
    Map<String, Histogram> sortedHistograms = new TreeMap<>(histograms);
    family = null;
    for (Map.Entry<String, Histogram> e : sortedHistograms.entrySet()) {
      String key = e.getKey();
      String name = key.substring(0, key.indexOf('{'));
      String inner = key.substring(key.indexOf('{') + 1, key.length() - 1);
      if (!name.equals(family)) {
        out.append("# TYPE ").append(name).append(" histogram\n");
        family = name;
      }
      Histogram h = e.getValue();
      for (int i = 0; i < BUCKETS.length; i++) {
        out.append(name)
            .append("_bucket{")
            .append(inner)
            .append(",le=\"")
            .append(String.format(Locale.ROOT, "%s", BUCKETS[i]))
            .append("\"} ")
            .append(h.buckets[i].sum())
            .append('\n');
      }
      out.append(name).append("_bucket{").append(inner).append(",le=\"+Inf\"} ");
      out.append(h.count.sum()).append('\n');
      out.append(name).append("_sum{").append(inner).append("} ");
      out.append(String.format(Locale.ROOT, "%.6f", h.sum.sum())).append('\n');
      out.append(name).append("_count{").append(inner).append("} ").append(h.count.sum());
      out.append('\n');
    }
    return out.toString();
  }
}
