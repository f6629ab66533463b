package dev.gantry.gateway.metrics;

import static dev.gantry.core.events.GuardrailEvaluated.Phase.INPUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.events.DegradedAnswer;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.GuardrailEvaluated;
import dev.gantry.core.events.GuardrailEvaluated.Failure;
import dev.gantry.core.events.GuardrailEvaluated.Outcome;
import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  void guardrail_triggers_latency_and_degraded_answers_are_counted() {
    EventBus events = new EventBus();
    Metrics m = new Metrics();
    m.attach(events);
    events.publish(
        new GuardrailEvaluated(
            "r1", "ask", "pii", INPUT, Outcome.BLOCKED, 1, Failure.NONE, 800_000));
    events.publish(
        new GuardrailEvaluated(
            "r2", "ask", "pii", INPUT, Outcome.PASS, 0, Failure.NONE, 3_000_000));
    events.publish(
        new GuardrailEvaluated(
            "r3", "ask", "topic", INPUT, Outcome.FLAGGED, 0, Failure.TIMEOUT, 1_000));
    events.publish(new DegradedAnswer("r4", "ask"));
    String text = m.render();
    assertThat(text)
        .contains(
            "gantry_guardrail_evaluations_total{route=\"ask\",check=\"pii\",phase=\"input\","
                + "outcome=\"blocked\"} 1")
        .contains("gantry_guardrail_failures_total{route=\"ask\",check=\"topic\"} 1")
        .contains("gantry_degraded_answers_total{route=\"ask\"} 1")
        .contains("gantry_guardrail_seconds_bucket{check=\"pii\",phase=\"input\",le=\"0.001\"} 1")
        .contains("gantry_guardrail_seconds_bucket{check=\"pii\",phase=\"input\",le=\"0.005\"} 2")
        .contains("gantry_guardrail_seconds_count{check=\"pii\",phase=\"input\"} 2");
  }

  @Test
  void label_values_are_escaped() {
    assertThat(Metrics.labels("route", "a\"b\nc")).isEqualTo("{route=\"a\\\"b\\nc\"}");
  }
}
