package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One audit record per authenticated API request, whatever the outcome: answers, refusals at the
 * edge and by guardrails, timeouts (streamed or not) and clients that go away.
 */
class AuditOutcomesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ADMIN = "audit-outcomes-admin-key-0123456789";
  @TempDir static Path dir;
  static Simulator sim;
  static Simulator drip;
  static Gateway gateway;
  static HttpTestClient http;
  static URI base;

  @BeforeAll
  static void start() {
    sim = GantryTestKit.simulator("faults:\n  - {type: hang, rate: 1, models: [stuck]}\n");
    drip =
        GantryTestKit.simulator(
            "default_reply: one two three four five six seven eight\n"
                + "latency:\n  inter_token: {dist: fixed, ms: 250}\n");
    String yaml =
        "server: {port: 0, request_timeout: 1s, body_timeout: 1s, max_body_bytes: 4KB}\n"
            + "data_dir: "
            + dir
            + "\n"
            + "auth: {required: true, cache_ttl: 0s, server_secret:"
            + " audit-outcomes-secret-0123456789abcdef}\n"
            + "audit: {enabled: true}\n"
            + "admin: {on_public_listener: true}\n"
            + "providers:\n"
            + "  sim: {type: openai_compatible, base_url: '"
            + sim.baseUrl()
            + "/v1'}\n"
            + "  drip: {type: openai_compatible, base_url: '"
            + drip.baseUrl()
            + "/v1'}\n"
            + "routes:\n"
            + "  m: {deployments: [{provider: sim, model: m}]}\n"
            + "  stuck: {deployments: [{provider: sim, model: stuck}], retry: {max_attempts: 1}}\n"
            + "  drip: {deployments: [{provider: drip, model: d}], retry: {max_attempts: 1}}\n"
            + "  guarded:\n"
            + "    deployments: [{provider: sim, model: m}]\n"
            + "    guardrails: {input: [{check: pii, action: block}]}\n";
    gateway =
        Gateway.start(
            GantryTestKit.config(yaml, Map.of()),
            GantryTestKit.options().withEnv(Map.of("GANTRY_ADMIN_KEY", ADMIN)));
    http = new HttpTestClient(gateway.baseUrl());
    base = URI.create(gateway.baseUrl());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    sim.close();
    drip.close();
  }

  static String chat(String model, boolean stream, String text) {
    return "{\"model\":\""
        + model
        + "\",\"stream\":"
        + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\""
        + text
        + "\"}]}";
  }

  static HttpResponse<String> post(String id, String body, String... more) {
    List<String> headers = new ArrayList<>(List.of("authorization", "Bearer " + ADMIN));
    headers.add("x-request-id");
    headers.add(id);
    headers.addAll(List.of(more));
    return http.postJson("/v1/chat/completions", body, headers.toArray(String[]::new));
  }

  /** The audit records with this request id, once at least one exists (waiting up to 10 s). */
  static List<JsonNode> recordsOf(String id) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      List<JsonNode> found = new ArrayList<>();
      JsonNode all =
          JSON.readTree(
                  http.get("/admin/audit?limit=10000", "authorization", "Bearer " + ADMIN).body())
              .path("data");
      for (JsonNode r : all) {
        if (r.path("request_id").asText().equals(id)) {
          found.add(r);
        }
      }
      if (!found.isEmpty() || System.nanoTime() > deadline) {
        return found;
      }
      Thread.sleep(50);
    }
  }

  static JsonNode onlyRecordOf(String id) throws Exception {
    List<JsonNode> found = recordsOf(id);
    assertThat(found).as("audit records of " + id).hasSize(1);
    return found.get(0);
  }

  @Test
  void a_timed_out_request_is_recorded_once_with_its_504_every_time() throws Exception {
    for (int i = 0; i < 4; i++) {
      String id = "timeout-plain-" + i;
      HttpResponse<String> r = post(id, chat("stuck", false, "hi"));
      assertThat(r.statusCode()).isEqualTo(504);
      JsonNode rec = onlyRecordOf(id);
      assertThat(rec.path("status").asInt()).isEqualTo(504);
      assertThat(rec.path("route").asText()).isEqualTo("stuck");
    }
    HttpResponse<String> streamed = post("timeout-stream", chat("stuck", true, "hi"));
    assertThat(streamed.statusCode()).isEqualTo(504);
    assertThat(onlyRecordOf("timeout-stream").path("status").asInt()).isEqualTo(504);
  }

  @Test
  void a_client_that_goes_away_is_recorded_as_499() throws Exception {
    String body = chat("stuck", false, "hi");
    try (Socket s = RawHttp.open(base, 5_000)) {
      s.getOutputStream()
          .write(
              ("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                      + ADMIN
                      + "\r\nx-request-id: gone-plain\r\nContent-Type: application/json\r\n"
                      + "Content-Length: "
                      + body.length()
                      + "\r\n\r\n"
                      + body)
                  .getBytes(StandardCharsets.UTF_8));
      Thread.sleep(200);
    }
    assertThat(onlyRecordOf("gone-plain").path("status").asInt()).isEqualTo(499);

    String streamed = chat("drip", true, "hi");
    try (Socket s = RawHttp.open(base, 5_000)) {
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                  + ADMIN
                  + "\r\nx-request-id: gone-stream\r\nContent-Type: application/json\r\n"
                  + "Content-Length: "
                  + streamed.length()
                  + "\r\n\r\n"
                  + streamed)
              .getBytes(StandardCharsets.UTF_8));
      InputStream in = s.getInputStream();
      assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII))
          .startsWith("HTTP/1.1 200");
    }
    JsonNode rec = onlyRecordOf("gone-stream");
    assertThat(rec.path("status").asInt()).isIn(499, 504);
  }

  @Test
  void refusals_at_the_edge_and_by_guardrails_are_recorded_once_each() throws Exception {
    String scoped =
        JSON.readTree(
                http.postJson(
                        "/admin/keys",
                        "{\"tenant\":\"acme\",\"role\":\"app\",\"routes\":[\"m\"]}",
                        "authorization",
                        "Bearer " + ADMIN)
                    .body())
            .path("key")
            .asText();
    assertThat(post("edge-json", "{not json").statusCode()).isEqualTo(400);
    assertThat(post("edge-invalid", "{\"model\":\"m\",\"messages\":3}").statusCode())
        .isEqualTo(400);
    assertThat(post("edge-unknown", chat("nope", false, "hi")).statusCode()).isEqualTo(404);
    assertThat(post("edge-large", chat("m", false, "x".repeat(5_000))).statusCode()).isEqualTo(413);
    assertThat(
            http.postJson(
                    "/v1/chat/completions",
                    chat("stuck", false, "hi"),
                    "authorization",
                    "Bearer " + scoped,
                    "x-request-id",
                    "edge-forbidden")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            post("guard-block", chat("guarded", false, "mail me at jane.doe@example.com"))
                .statusCode())
        .isEqualTo(400);
    assertThat(post("answered", chat("m", false, "hi")).statusCode()).isEqualTo(200);
    Map<String, Integer> expected =
        Map.of(
            "edge-json", 400,
            "edge-invalid", 400,
            "edge-unknown", 404,
            "edge-large", 413,
            "edge-forbidden", 403,
            "guard-block", 400,
            "answered", 200);
    for (Map.Entry<String, Integer> e : expected.entrySet()) {
      assertThat(onlyRecordOf(e.getKey()).path("status").asInt())
          .as(e.getKey())
          .isEqualTo(e.getValue());
    }
    assertThat(onlyRecordOf("edge-forbidden").path("tenant").asText()).isEqualTo("acme");
  }

  @Test
  void a_client_too_slow_to_send_its_body_is_recorded_with_408() throws Exception {
    try (Socket s = RawHttp.open(base, 10_000)) {
      s.getOutputStream()
          .write(
              ("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                      + ADMIN
                      + "\r\nx-request-id: edge-slow-body\r\nContent-Type: application/json\r\n"
                      + "Content-Length: 100\r\n\r\n{\"model\":")
                  .getBytes(StandardCharsets.UTF_8));
      assertThat(RawHttp.read(s.getInputStream()).status()).isEqualTo(408);
    }
    assertThat(onlyRecordOf("edge-slow-body").path("status").asInt()).isEqualTo(408);
  }
}
