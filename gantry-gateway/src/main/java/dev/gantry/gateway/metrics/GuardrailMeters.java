package dev.gantry.gateway.metrics;

import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.GuardrailEvaluated;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Guardrail meters, fed by one {@link GuardrailEvaluated} per check: evaluations by route, check,
 * phase and outcome, failures (a check that errored or overran its budget) and each check's own
 * latency. Thread-safe.
 */
final class GuardrailMeters {
  private static final Duration[] BUCKETS = {
    Duration.ofNanos(500_000),
    Duration.ofMillis(1),
    Duration.ofMillis(2),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(15),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5)
  };

  private final MeterRegistry registry;

  GuardrailMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  void attach(EventBus events) {
    events.subscribe(GuardrailEvaluated.class, this::evaluated);
  }

  void evaluated(GuardrailEvaluated e) {
    String route = String.valueOf(e.route());
    String phase = e.phase().label();
    Counter.builder("gantry.guardrail.evaluations")
        .description("Guardrail checks run, by outcome")
        .tags("route", route, "check", e.check(), "phase", phase, "outcome", e.outcome().label())
        .register(registry)
        .increment();
    if (e.failed()) {
      Counter.builder("gantry.guardrail.failures")
          .description("Guardrail checks that errored or overran their budget")
          .tags("route", route, "check", e.check())
          .register(registry)
          .increment();
    }
    Timer.builder("gantry.guardrail")
        .description("Time each guardrail check took")
        .tags("check", e.check(), "phase", phase)
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record(e.nanos(), TimeUnit.NANOSECONDS);
  }

  /** A phase or outcome, given as text or as an enum constant, in lower case. */
  static String label(Object value) {
    return String.valueOf(value).toLowerCase(Locale.ROOT);
  }
}
