package dev.gantry.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.config.MonitoringConfig;
import dev.gantry.core.events.DegradedAnswer;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.GuardrailEvaluated;
import dev.gantry.core.events.RequestCompleted;
import dev.gantry.core.events.UpstreamAttemptCompleted;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private static RequestCompleted request(String tenant, int status, String error) {
    return new RequestCompleted(
        "r",
        "chat",
        "ask",
        "sim",
        "gpt-x",
        status,
        1,
        true,
        40_000_000,
        30_000_000,
        tenant,
        "c1",
        error,
        12_000_000,
        20,
        9,
        null);
  }

  @Test
  void guardrail_checks_count_their_outcome_failure_and_own_latency() {
    EventBus events = new EventBus();
    Metrics m = new Metrics();
    m.attach(events);
    events.publish(
        new GuardrailEvaluated(
            "r1",
            "ask",
            "pii",
            GuardrailEvaluated.Phase.INPUT,
            GuardrailEvaluated.Outcome.BLOCKED,
            1,
            GuardrailEvaluated.Failure.NONE,
            800_000));
    events.publish(
        new GuardrailEvaluated(
            "r2",
            "ask",
            "pii",
            GuardrailEvaluated.Phase.INPUT,
            GuardrailEvaluated.Outcome.PASS,
            0,
            GuardrailEvaluated.Failure.NONE,
            3_000_000));
    events.publish(
        new GuardrailEvaluated(
            "r3",
            "ask",
            "topic",
            GuardrailEvaluated.Phase.INPUT,
            GuardrailEvaluated.Outcome.FLAGGED,
            0,
            GuardrailEvaluated.Failure.TIMEOUT,
            1_000));
    events.publish(new DegradedAnswer("r4", "ask"));
    String text = m.render();
    assertThat(text)
        .contains(
            "gantry_guardrail_evaluations_total{check=\"pii\",outcome=\"blocked\",phase=\"input\","
                + "route=\"ask\"} 1.0")
        .contains("gantry_guardrail_failures_total{check=\"topic\",route=\"ask\"} 1.0")
        .contains("gantry_degraded_answers_total{route=\"ask\"} 1.0")
        .contains("gantry_guardrail_seconds_bucket{check=\"pii\",phase=\"input\",le=\"0.001\"} 1")
        .contains("gantry_guardrail_seconds_bucket{check=\"pii\",phase=\"input\",le=\"0.005\"} 2")
        .contains("gantry_guardrail_seconds_count{check=\"pii\",phase=\"input\"} 2");
  }

  @Test
  void requests_feed_the_genai_histograms_overhead_tokens_and_refusals() {
    EventBus events = new EventBus();
    Metrics m = new Metrics();
    m.attach(events);
    events.publish(request("acme", 200, null));
    events.publish(request("acme", 429, "budget_exceeded"));
    events.publish(
        new UpstreamAttemptCompleted(
            "r", "ask", "sim", "gpt-x", 1, 503, "upstream_error", 5_000_000));
    String text = m.render();
    assertThat(text)
        .contains("gantry_requests_total{endpoint=\"chat\",error_type=\"\",model=\"gpt-x\",")
        .contains("gantry_refusals_total{reason=\"budget_exceeded\",route=\"ask\"} 1.0")
        .contains("gen_ai_server_request_duration_seconds_count{")
        .contains("gen_ai_server_time_to_first_token_seconds_bucket{")
        .contains("gen_ai_server_time_per_output_token_seconds_count{")
        .contains("gen_ai_client_token_usage_bucket{")
        .contains("gen_ai_token_type=\"input\"")
        .contains("gantry_overhead_seconds_bucket{route=\"ask\",le=\"0.01\"} 2")
        .contains("error_type=\"upstream_error\"");
    // Tenant labels are off by default: no tenant dimension at all.
    assertThat(text).doesNotContain("tenant=");
  }

  @Test
  void tenant_labels_stay_within_their_cap() {
    EventBus events = new EventBus();
    Metrics m = new Metrics(new MonitoringConfig.Metrics(true, false, 2, 0), n -> n);
    m.attach(events);
    for (String tenant : new String[] {"a", "b", "c", "d", "a"}) {
      events.publish(request(tenant, 200, null));
    }
    String text = m.render();
    assertThat(text).contains("tenant=\"a\"").contains("tenant=\"b\"").contains("tenant=\"other\"");
    assertThat(text).doesNotContain("tenant=\"c\"").doesNotContain("tenant=\"d\"");
  }

  @Test
  void jvm_meters_are_exported() {
    try (Metrics m = new Metrics().withJvmMeters()) {
      assertThat(m.render()).contains("jvm_memory_used_bytes").contains("process_uptime_seconds");
    }
  }

  @Test
  void function_meters_keep_reading_their_supplier_after_a_garbage_collection() {
    try (Metrics metrics = new Metrics()) {
      java.util.concurrent.atomic.AtomicLong hedges = new java.util.concurrent.atomic.AtomicLong(7);
      java.util.concurrent.atomic.AtomicLong depth = new java.util.concurrent.atomic.AtomicLong(3);
      // capturing lambdas: new objects that only the meters reference
      metrics.gauge("gantry_test_hedges_total", () -> hedges.get());
      metrics.gauge("gantry_test_depth", () -> depth.get(), "queue", "admission");
      // Micrometer holds a function meter's object weakly; a lambda nobody else keeps would go.
      for (int i = 0; i < 5; i++) {
        System.gc();
      }
      String text = metrics.render();
      assertThat(text).contains("gantry_test_hedges_total 7.0");
      assertThat(text).contains("gantry_test_depth{queue=\"admission\"} 3.0");
    }
  }

  @Test
  void the_admission_queue_depth_is_exported_beside_the_worker_queue_depth() {
    try (Metrics metrics = new Metrics()) {
      java.util.concurrent.ThreadPoolExecutor pool =
          new java.util.concurrent.ThreadPoolExecutor(
              1,
              1,
              0,
              java.util.concurrent.TimeUnit.SECONDS,
              new java.util.concurrent.LinkedBlockingQueue<>());
      try {
        metrics.workers(pool);
        metrics.gauge("gantry_queue_depth", () -> 4, "queue", "admission");
        String text = metrics.render();
        assertThat(text).contains("gantry_queue_depth{queue=\"workers\"} 0.0");
        assertThat(text).contains("gantry_queue_depth{queue=\"admission\"} 4.0");
      } finally {
        pool.shutdown();
      }
    }
  }
}
