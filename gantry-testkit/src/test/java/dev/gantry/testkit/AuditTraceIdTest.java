package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.core.config.MonitoringConfig;
import dev.gantry.gateway.Gateway;
import dev.gantry.gateway.tracing.Tracing;
import dev.gantry.sim.Simulator;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trace id of a request lands in its audit record, and the chain still verifies. */
class AuditTraceIdTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ADMIN = "audit-trace-admin-key-0123456789abcdef";
  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String TRACEPARENT = "00-" + TRACE + "-00f067aa0ba902b7-01";
  static final String CHAT =
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";

  @TempDir static Path dir;
  static Simulator sim;
  static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
  static Gateway traced;
  static Gateway untraced;

  @BeforeAll
  static void start() {
    sim = GantryTestKit.simulator();
    traced = gateway(dir.resolve("traced"), true);
    untraced = gateway(dir.resolve("untraced"), false);
  }

  static Gateway gateway(Path data, boolean tracing) {
    String yaml =
        "server: {port: 0}\n"
            + "data_dir: "
            + data
            + "\n"
            + "auth: {required: true, cache_ttl: 0s, server_secret:"
            + " audit-trace-secret-0123456789abcdef}\n"
            + "audit: {enabled: true}\n"
            + "admin: {on_public_listener: true}\n"
            + "providers:\n"
            + "  sim: {type: openai_compatible, base_url: '"
            + sim.baseUrl()
            + "/v1'}\n"
            + "routes:\n"
            + "  m: {deployments: [{provider: sim, model: m}]}\n";
    var config = GantryTestKit.config(yaml, Map.of());
    var options = GantryTestKit.options().withEnv(Map.of("GANTRY_ADMIN_KEY", ADMIN));
    if (!tracing) {
      return Gateway.start(config, options);
    }
    MonitoringConfig.Tracing on = new MonitoringConfig.Tracing(true, null, 1.0, "gantry", Map.of());
    return Gateway.start(config, options, Tracing.create(on, SPANS, true));
  }

  @AfterAll
  static void stop() {
    traced.close();
    untraced.close();
    sim.close();
  }

  static HttpResponse<String> chat(Gateway g, String requestId, String... headers) {
    String[] all = new String[headers.length + 4];
    all[0] = "authorization";
    all[1] = "Bearer " + ADMIN;
    all[2] = "x-request-id";
    all[3] = requestId;
    System.arraycopy(headers, 0, all, 4, headers.length);
    return new HttpTestClient(g.baseUrl()).postJson("/v1/chat/completions", CHAT, all);
  }

  @Test
  void a_clients_traceparent_ends_up_in_the_audit_record_and_the_response_header()
      throws Exception {
    for (Gateway g : new Gateway[] {traced, untraced}) {
      HttpResponse<String> r = chat(g, "client-trace", "traceparent", TRACEPARENT);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("x-gantry-trace-id")).hasValue(TRACE);
      JsonNode record = AuditRecords.only(new HttpTestClient(g.baseUrl()), ADMIN, "client-trace");
      assertThat(record.path("trace_id").asText()).isEqualTo(TRACE);
    }
  }

  @Test
  void a_trace_started_by_the_gateway_is_recorded_and_untraced_requests_record_none()
      throws Exception {
    HttpResponse<String> r = chat(traced, "own-trace");
    String id = r.headers().firstValue("x-gantry-trace-id").orElseThrow();
    JsonNode record = AuditRecords.only(new HttpTestClient(traced.baseUrl()), ADMIN, "own-trace");
    assertThat(record.path("trace_id").asText()).isEqualTo(id).isNotEqualTo(TRACE);

    HttpResponse<String> plain = chat(untraced, "no-trace");
    assertThat(plain.headers().firstValue("x-gantry-trace-id")).isEmpty();
    JsonNode none = AuditRecords.only(new HttpTestClient(untraced.baseUrl()), ADMIN, "no-trace");
    assertThat(none.path("trace_id").isNull()).isTrue();
  }

  @Test
  void a_request_refused_at_the_edge_records_the_clients_trace_id() throws Exception {
    for (Gateway g : new Gateway[] {traced, untraced}) {
      HttpResponse<String> r =
          new HttpTestClient(g.baseUrl())
              .postJson(
                  "/v1/chat/completions",
                  "{not json",
                  "authorization",
                  "Bearer " + ADMIN,
                  "x-request-id",
                  "edge-trace",
                  "traceparent",
                  TRACEPARENT);
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.headers().firstValue("x-gantry-trace-id")).hasValue(TRACE);
      JsonNode record = AuditRecords.only(new HttpTestClient(g.baseUrl()), ADMIN, "edge-trace");
      assertThat(record.path("status").asInt()).isEqualTo(400);
      assertThat(record.path("trace_id").asText()).isEqualTo(TRACE);
    }
    // the traced gateway made a server span for it, under the client's trace
    Eventually.until(
        "the edge span ends",
        () ->
            SPANS.getFinishedSpanItems().stream()
                .anyMatch(s -> "edge-trace".equals(attr(s, "gantry.request_id"))));
    io.opentelemetry.sdk.trace.data.SpanData edge =
        SPANS.getFinishedSpanItems().stream()
            .filter(s -> "edge-trace".equals(attr(s, "gantry.request_id")))
            .findFirst()
            .orElseThrow();
    assertThat(edge.getKind()).isEqualTo(io.opentelemetry.api.trace.SpanKind.SERVER);
    assertThat(edge.getName()).isEqualTo("POST /v1/chat/completions");
    assertThat(edge.getTraceId()).isEqualTo(TRACE);
    assertThat(
            edge.getAttributes()
                .get(io.opentelemetry.api.common.AttributeKey.longKey("http.response.status_code")))
        .isEqualTo(400);
  }

  static String attr(io.opentelemetry.sdk.trace.data.SpanData s, String key) {
    return s.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey(key));
  }

  @Test
  void a_chain_of_traced_and_untraced_records_verifies() throws Exception {
    for (Gateway g : new Gateway[] {traced, untraced}) {
      chat(g, "mixed-1", "traceparent", TRACEPARENT);
      chat(g, "mixed-2");
      AuditRecords.only(new HttpTestClient(g.baseUrl()), ADMIN, "mixed-2");
      JsonNode v =
          JSON.readTree(
              new HttpTestClient(g.baseUrl())
                  .get("/admin/audit/verify", "authorization", "Bearer " + ADMIN)
                  .body());
      assertThat(v.path("intact").asBoolean()).as(v.toString()).isTrue();
      assertThat(v.path("checked").asLong()).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void a_request_with_a_wrong_key_is_traced_and_answers_with_the_trace_id() {
    HttpResponse<String> r =
        new HttpTestClient(traced.baseUrl())
            .postJson(
                "/v1/chat/completions",
                CHAT,
                "authorization",
                "Bearer gk_wrong_key_0123456789",
                "x-request-id",
                "wrong-key-trace",
                "traceparent",
                TRACEPARENT);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("x-gantry-trace-id")).hasValue(TRACE);
    Eventually.until(
        "the span of the refusal ends",
        () ->
            SPANS.getFinishedSpanItems().stream()
                .anyMatch(s -> "wrong-key-trace".equals(attr(s, "gantry.request_id"))));
  }
}
