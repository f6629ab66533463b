package dev.gantry.gateway.metrics;

import dev.gantry.core.events.AlertChanged;
import dev.gantry.core.events.DriftMeasured;
import dev.gantry.core.events.EvalRunCompleted;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.FeedbackReceived;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Quality meters: user feedback scores per route and model, the drift score and its parts per
 * route, the latest scheduled evaluation of each suite, and the alerts firing. Gauges hold the last
 * value published. Thread-safe.
 */
final class QualityMeters {
  private final MeterRegistry registry;
  private final Map<String, AtomicReference<Double>> gauges = new ConcurrentHashMap<>();

  QualityMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  void attach(EventBus events) {
    events.subscribe(FeedbackReceived.class, this::feedback);
    events.subscribe(DriftMeasured.class, this::drift);
    events.subscribe(EvalRunCompleted.class, this::eval);
    events.subscribe(AlertChanged.class, this::alert);
  }

  private void feedback(FeedbackReceived e) {
    DistributionSummary.builder("gantry.feedback.score")
        .description("User feedback scores, 0 (thumbs down, 1 star) to 1 (thumbs up, 5 stars)")
        .tags("route", nz(e.route()), "model", nz(e.model()), "kind", e.kind())
        // Bounds between the score levels (stars 0, .25, .5, .75, 1), so each level has a bucket;
        // Micrometer takes only positive bounds.
        .serviceLevelObjectives(0.125, 0.375, 0.625, 0.875, 1)
        .register(registry)
        .record(e.score());
  }

  private void drift(DriftMeasured e) {
    Tags route = Tags.of("route", e.route());
    set("gantry.drift.score", route, e.score(), "Input drift: MMD² over its permutation threshold");
    set("gantry.drift.p_value", route, e.pValue(), "Permutation p-value of the drift test");
    set(
        "gantry.drift.kb_unanswerable.ratio",
        route,
        e.unanswerableShare(),
        "Share of recent retrieval requests the knowledge base had no source for");
    set(
        "gantry.drift.guardrail_trigger.ratio",
        route,
        e.guardrailTriggerShare(),
        "Share of recent requests on which an input guardrail triggered");
  }

  private void eval(EvalRunCompleted e) {
    Tags tags = Tags.of("suite", e.name(), "route", e.route());
    set("gantry.eval.pass_rate", tags, e.passRate(), "Pass rate of the latest scheduled run");
    Counter.builder("gantry.eval.runs")
        .description("Scheduled evaluation runs, by result")
        .tags(tags)
        .tag("result", e.error() != null ? "error" : e.failed() ? "failed" : "passed")
        .register(registry)
        .increment();
  }

  private void alert(AlertChanged e) {
    set(
        "gantry.alerts.firing",
        Tags.of("alert", e.name(), "severity", e.severity()),
        e.firing() ? 1 : 0,
        "1 while the alert fires");
  }

  private void set(String name, Tags tags, double value, String description) {
    String key = name + tags;
    gauges
        .computeIfAbsent(
            key,
            k -> {
              AtomicReference<Double> ref = new AtomicReference<>(Double.NaN);
              Gauge.builder(name, ref, AtomicReference::get)
                  .description(description)
                  .tags(tags)
                  .register(registry);
              return ref;
            })
        .set(value);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
