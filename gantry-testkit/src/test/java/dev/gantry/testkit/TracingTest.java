package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.config.MonitoringConfig;
import dev.gantry.gateway.Gateway;
import dev.gantry.gateway.tracing.Tracing;
import dev.gantry.sim.Simulator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spans of real requests, a client's {@code traceparent} kept and passed upstream. */
class TracingTest {
  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String CLIENT_SPAN = "00f067aa0ba902b7";
  static final String TRACEPARENT = "00-" + TRACE + "-" + CLIENT_SPAN + "-01";
  static final String CHAT =
      "{\"model\":\"ask\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";

  static Simulator sim;
  static InMemorySpanExporter spans = InMemorySpanExporter.create();
  static Gateway traced;
  static Gateway untraced;

  @BeforeAll
  static void start() {
    sim = GantryTestKit.simulator();
    String yaml = GantryTestKit.simConfig("ask");
    MonitoringConfig.Tracing on = new MonitoringConfig.Tracing(true, null, 1.0, "gantry", Map.of());
    traced =
        Gateway.start(
            GantryTestKit.config(yaml, sim),
            GantryTestKit.options(),
            Tracing.create(on, spans, true));
    untraced = GantryTestKit.gateway(yaml, sim);
  }

  @AfterAll
  static void stop() {
    traced.close();
    untraced.close();
    sim.close();
  }

  @BeforeEach
  void clear() {
    spans.reset();
    sim.clearReceived();
  }

  static String attr(SpanData s, String key) {
    return s.getAttributes().get(AttributeKey.stringKey(key));
  }

  static String upstreamTraceparent() {
    List<Simulator.Received> received = sim.received();
    assertThat(received).hasSize(1);
    return received.get(0).headers().get("traceparent");
  }

  @Test
  void a_request_makes_a_server_span_stage_spans_and_an_attempt_span_under_the_clients_trace() {
    HttpResponse<String> r =
        new HttpTestClient(traced.baseUrl())
            .postJson("/v1/chat/completions", CHAT, "traceparent", TRACEPARENT);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-gantry-trace-id")).hasValue(TRACE);
    Eventually.until(
        "the server span ends",
        () -> spans.getFinishedSpanItems().stream().anyMatch(s -> s.getKind() == SpanKind.SERVER));
    List<SpanData> all = spans.getFinishedSpanItems();
    assertThat(all).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(TRACE));
    SpanData server = all.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().get();
    assertThat(server.getParentSpanId()).isEqualTo(CLIENT_SPAN);
    assertThat(attr(server, "gen_ai.operation.name")).isEqualTo("chat");
    assertThat(attr(server, "gen_ai.request.model")).isEqualTo("ask");
    assertThat(attr(server, "gen_ai.response.model")).isEqualTo("ask");
    assertThat(server.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens")))
        .isPositive();
    assertThat(server.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
        .isEqualTo(200);

    SpanData attempt = all.stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().get();
    assertThat(attempt.getParentSpanId()).isEqualTo(server.getSpanId());
    assertThat(attr(attempt, "gen_ai.provider.name")).isEqualTo("sim");
    assertThat(attr(attempt, "gen_ai.request.model")).isEqualTo("ask");
    // The upstream call carries the attempt span as its parent.
    assertThat(upstreamTraceparent()).isEqualTo("00-" + TRACE + "-" + attempt.getSpanId() + "-01");

    List<String> stages =
        all.stream()
            .filter(s -> s.getName().startsWith("gantry.stage "))
            .peek(s -> assertThat(s.getParentSpanId()).isEqualTo(server.getSpanId()))
            .map(s -> attr(s, "gantry.stage"))
            .toList();
    assertThat(stages).contains("invoke");
    assertThat(stages.size()).isGreaterThanOrEqualTo(traced.pipeline().stages().size());
  }

  @Test
  void without_a_client_trace_a_new_one_is_started_and_sent_upstream() {
    HttpResponse<String> r =
        new HttpTestClient(traced.baseUrl()).postJson("/v1/chat/completions", CHAT);
    String id = r.headers().firstValue("x-gantry-trace-id").orElseThrow();
    assertThat(id).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
    assertThat(upstreamTraceparent()).startsWith("00-" + id + "-");
  }

  @Test
  void with_tracing_off_a_clients_traceparent_is_passed_upstream_unchanged() {
    HttpResponse<String> r =
        new HttpTestClient(untraced.baseUrl())
            .postJson("/v1/chat/completions", CHAT, "traceparent", TRACEPARENT);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(upstreamTraceparent()).isEqualTo(TRACEPARENT);
    assertThat(r.headers().firstValue("x-gantry-trace-id")).hasValue(TRACE);
  }

  @Test
  void with_tracing_off_and_no_client_trace_nothing_is_sent_upstream() {
    new HttpTestClient(untraced.baseUrl()).postJson("/v1/chat/completions", CHAT);
    assertThat(upstreamTraceparent()).isNull();
  }

  @Test
  void an_embeddings_request_is_traced_like_chat() {
    HttpResponse<String> r =
        new HttpTestClient(traced.baseUrl())
            .postJson(
                "/v1/embeddings",
                "{\"model\":\"ask\",\"input\":\"hello\"}",
                "traceparent",
                TRACEPARENT);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-gantry-trace-id")).hasValue(TRACE);
    Eventually.until(
        "the server span ends",
        () -> spans.getFinishedSpanItems().stream().anyMatch(s -> s.getKind() == SpanKind.SERVER));
    List<SpanData> all = spans.getFinishedSpanItems();
    assertThat(all).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(TRACE));
    SpanData server = all.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().get();
    assertThat(server.getName()).isEqualTo("embeddings ask");
    assertThat(server.getParentSpanId()).isEqualTo(CLIENT_SPAN);
    assertThat(attr(server, "gen_ai.operation.name")).isEqualTo("embeddings");
    assertThat(server.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
        .isEqualTo(200);
    SpanData attempt = all.stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().get();
    assertThat(attempt.getParentSpanId()).isEqualTo(server.getSpanId());
    assertThat(attr(attempt, "gen_ai.operation.name")).isEqualTo("embeddings");
    assertThat(upstreamTraceparent()).isEqualTo("00-" + TRACE + "-" + attempt.getSpanId() + "-01");
  }

  @Test
  void with_tracing_off_an_embeddings_request_passes_the_clients_traceparent_upstream() {
    HttpResponse<String> r =
        new HttpTestClient(untraced.baseUrl())
            .postJson(
                "/v1/embeddings",
                "{\"model\":\"ask\",\"input\":\"hello\"}",
                "traceparent",
                TRACEPARENT);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(upstreamTraceparent()).isEqualTo(TRACEPARENT);
    assertThat(r.headers().firstValue("x-gantry-trace-id")).hasValue(TRACE);
  }

  @Test
  void a_request_refused_before_a_handler_takes_it_gets_a_server_span_of_its_own() {
    HttpResponse<String> r =
        new HttpTestClient(traced.baseUrl())
            .postJson("/v1/chat/completions", "{not json", "traceparent", TRACEPARENT);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("x-gantry-trace-id")).hasValue(TRACE);
    Eventually.until(
        "the server span ends",
        () -> spans.getFinishedSpanItems().stream().anyMatch(s -> s.getKind() == SpanKind.SERVER));
    List<SpanData> servers =
        spans.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.SERVER).toList();
    assertThat(servers).hasSize(1);
    SpanData edge = servers.get(0);
    assertThat(edge.getName()).isEqualTo("POST /v1/chat/completions");
    assertThat(edge.getTraceId()).isEqualTo(TRACE);
    assertThat(edge.getParentSpanId()).isEqualTo(CLIENT_SPAN);
    assertThat(edge.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
        .isEqualTo(400);
  }

  @Test
  void a_handled_request_has_one_server_span_not_two() {
    new HttpTestClient(traced.baseUrl()).postJson("/v1/chat/completions", CHAT);
    Eventually.until(
        "the server span ends",
        () -> spans.getFinishedSpanItems().stream().anyMatch(s -> s.getKind() == SpanKind.SERVER));
    assertThat(spans.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.SERVER))
        .hasSize(1)
        .allSatisfy(s -> assertThat(s.getName()).isEqualTo("chat ask"));
  }
}
