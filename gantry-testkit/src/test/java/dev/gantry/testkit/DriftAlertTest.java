package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Input drift through a real gateway: the demo's questions, then off-domain ones, raise the drift
 * alert and move the exported drift score.
 */
class DriftAlertTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ADMIN = "bootstrap-admin-key-for-drift-tests-0123456";
  static Simulator sim;
  static Gateway gateway;
  static HttpTestClient http;

  @BeforeAll
  static void start() {
    sim = GantryTestKit.simulator();
    String yaml =
        GantryTestKit.simConfig("ask")
            + "auth: {required: true, cache_ttl: 0s, server_secret:"
            + " server-secret-for-tests-0123456789abcdef}\n"
            + "admin: {on_public_listener: true}\n"
            + "monitoring:\n"
            + "  drift: {enabled: true, routes: [ask], sample_rate: 1, reference: 30,"
            + " recent: 20, permutations: 200, alpha: 0.01}\n";
    gateway =
        Gateway.start(
            GantryTestKit.config(yaml, sim),
            GantryTestKit.options().withEnv(Map.of("GANTRY_ADMIN_KEY", ADMIN)));
    http = new HttpTestClient(gateway.baseUrl());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    sim.close();
  }

  static List<String> questions(String file, String kind) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("..", "examples", "rag", file))) {
      JsonNode n = JSON.readTree(line);
      if (kind == null || kind.equals(n.path("kind").asText())) {
        out.add(n.path("question").asText());
      }
    }
    return out;
  }

  static void ask(String question) throws IOException {
    String body =
        JSON.createObjectNode()
            .put("model", "ask")
            .set(
                "messages",
                JSON.createArrayNode()
                    .add(JSON.createObjectNode().put("role", "user").put("content", question)))
            .toString();
    assertThat(
            http.postJson("/v1/chat/completions", body, "authorization", "Bearer " + ADMIN)
                .statusCode())
        .isEqualTo(200);
  }

  static JsonNode alert(String name) throws IOException {
    JsonNode all =
        JSON.readTree(
            http.get("/admin/alerts?state=all", "authorization", "Bearer " + ADMIN).body());
    for (JsonNode a : all.path("data")) {
      if (a.path("name").asText().equals(name)) {
        return a;
      }
    }
    return null;
  }

  static double driftScore() {
    String metrics = http.get("/admin/metrics", "authorization", "Bearer " + ADMIN).body();
    return metrics
        .lines()
        .filter(l -> l.startsWith("gantry_drift_score{route=\"ask\"}"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElse(Double.NaN);
  }

  @Test
  void off_domain_traffic_after_the_demo_questions_fires_the_drift_alert() throws Exception {
    List<String> demo = questions("qa.jsonl", null);
    for (String q : demo.subList(0, 50)) {
      ask(q);
    }
    Eventually.until("a first drift measurement", () -> !Double.isNaN(driftScore()));
    assertThat(driftScore()).isLessThan(1);
    assertThat(alert("drift_ask")).isNull();
    for (String q : questions("unanswerable.jsonl", "off-domain").subList(0, 20)) {
      ask(q);
    }
    Eventually.until(
        "the drift alert fires",
        () -> {
          try {
            JsonNode a = alert("drift_ask");
            return a != null && a.path("state").asText().equals("firing");
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
    assertThat(driftScore()).isGreaterThan(1);
  }
}
