package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.gantry.core.time.ManualTime;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Scenario;
import dev.gantry.sim.Simulator;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An alert rule of a real gateway, evaluated on its injected clock, notifying a real HTTP receiver
 * in Gantry's JSON and in Slack's format, and listed at {@code GET /admin/alerts}.
 */
class AlertsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ADMIN = "bootstrap-admin-key-for-alert-tests-0123456789";
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final ManualTime TIME = new ManualTime(T0);
  static final BlockingQueue<JsonNode> generic = new LinkedBlockingQueue<>();
  static final BlockingQueue<JsonNode> slack = new LinkedBlockingQueue<>();
  static HttpServer receiver;
  static Simulator sim;
  static Gateway gateway;
  static HttpTestClient http;

  @BeforeAll
  static void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/generic", ex -> take(ex, generic));
    receiver.createContext("/slack", ex -> take(ex, slack));
    receiver.start();
    String hooks = "http://127.0.0.1:" + receiver.getAddress().getPort();
    sim = GantryTestKit.simulator();
    String yaml =
        "server:\n  port: 0\n"
            + "providers:\n  sim:\n    type: openai_compatible\n    base_url: ${SIM_URL}/v1\n"
            + "routes:\n"
            + "  ask:\n"
            + "    deployments: [{provider: sim, model: ask}]\n"
            + "    retry: {max_attempts: 1}\n"
            + "auth: {required: true, cache_ttl: 0s, server_secret: server-secret-for-tests-0123456789abcdef}\n"
            + "admin: {on_public_listener: true}\n"
            + "monitoring:\n"
            + "  alerts:\n"
            + "    evaluate_every: 30s\n"
            + "    webhooks:\n"
            + "      - {name: ops, url: \""
            + hooks
            + "/generic\"}\n"
            + "      - {name: chat, url: \""
            + hooks
            + "/slack\", format: slack}\n"
            + "    rules:\n"
            + "      - name: ask_errors\n"
            + "        metric: error_ratio\n"
            + "        window: 5m\n"
            + "        comparator: \">\"\n"
            + "        threshold: 0.5\n"
            + "        for: 2m\n"
            + "        severity: critical\n"
            + "        labels: {route: ask, team: search}\n";
    gateway =
        Gateway.start(
            GantryTestKit.config(yaml, sim),
            GantryTestKit.options()
                .withEnv(java.util.Map.of("GANTRY_ADMIN_KEY", ADMIN))
                .withTime(TIME));
    http = new HttpTestClient(gateway.baseUrl());
  }

  static void take(com.sun.net.httpserver.HttpExchange ex, BlockingQueue<JsonNode> into)
      throws java.io.IOException {
    into.add(JSON.readTree(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
    ex.sendResponseHeaders(204, -1);
    ex.close();
  }

  @AfterAll
  static void stop() {
    gateway.close();
    sim.close();
    receiver.stop(0);
  }

  static final String CHAT =
      "{\"model\":\"ask\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";

  static JsonNode alerts() throws Exception {
    return JSON.readTree(
        http.get("/admin/alerts?state=all", "authorization", "Bearer " + ADMIN).body());
  }

  static JsonNode next(BlockingQueue<JsonNode> queue) throws InterruptedException {
    JsonNode n = queue.poll(20, TimeUnit.SECONDS);
    assertThat(n).as("a webhook notification").isNotNull();
    return n;
  }

  @Test
  void failing_upstream_fires_after_the_for_duration_and_resolves_when_the_errors_age_out()
      throws Exception {
    sim.scenario(Scenario.parse("faults:\n  - {type: status, status: 500, rate: 1}\n"));
    for (int i = 0; i < 4; i++) {
      assertThat(
              http.postJson("/v1/chat/completions", CHAT, "authorization", "Bearer " + ADMIN)
                  .statusCode())
          .isGreaterThan(499);
    }
    TIME.advance(Duration.ofSeconds(30));
    JsonNode all = alerts();
    JsonNode rule = all.path("data").get(0);
    assertThat(rule).as(all.toString()).isNotNull();
    assertThat(rule.path("name").asText()).isEqualTo("ask_errors");
    assertThat(rule.path("state").asText()).isEqualTo("pending");
    assertThat(rule.path("value").asDouble()).isEqualTo(1.0);

    TIME.advance(Duration.ofMinutes(2));
    JsonNode fired = next(generic);
    assertThat(fired.path("status").asText()).isEqualTo("firing");
    assertThat(fired.path("alert").asText()).isEqualTo("ask_errors");
    assertThat(fired.path("severity").asText()).isEqualTo("critical");
    assertThat(fired.path("labels").path("team").asText()).isEqualTo("search");
    // The first notification came when the rule had held for 2 minutes, not before.
    assertThat(Instant.parse(fired.path("at").asText())).isEqualTo(T0.plusSeconds(150));
    JsonNode chat = next(slack);
    assertThat(chat.path("text").asText()).contains("FIRING").contains("ask_errors");
    assertThat(chat.path("attachments").get(0).path("color").asText()).isEqualTo("#d00000");
    assertThat(alerts().path("data").get(0).path("state").asText()).isEqualTo("firing");

    sim.scenario(Scenario.instant());
    TIME.advance(Duration.ofMinutes(6));
    JsonNode resolved = next(generic);
    assertThat(resolved.path("status").asText()).isEqualTo("resolved");
    assertThat(next(slack).path("text").asText()).contains("RESOLVED");
    JsonNode after = alerts();
    assertThat(after.path("data").get(0).path("state").asText()).isEqualTo("inactive");
    assertThat(after.path("history").get(0).path("status").asText()).isEqualTo("resolved");
    assertThat(generic).isEmpty();
  }
}
