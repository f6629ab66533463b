package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/feedback} on real answers: stored, scoped to the tenant, counted, reported. */
class FeedbackTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ADMIN = "bootstrap-admin-key-for-feedback-tests-0123";
  static final String CHAT =
      "{\"model\":\"ask\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  static Simulator sim;
  static Gateway gateway;
  static HttpTestClient http;
  static String acme;
  static String globex;

  @BeforeAll
  static void start() throws Exception {
    sim = GantryTestKit.simulator();
    String yaml =
        GantryTestKit.simConfig("ask")
            + "auth: {required: true, cache_ttl: 0s, server_secret:"
            + " server-secret-for-tests-0123456789abcdef}\n"
            + "admin: {on_public_listener: true}\n";
    gateway =
        Gateway.start(
            GantryTestKit.config(yaml, sim),
            GantryTestKit.options().withEnv(Map.of("GANTRY_ADMIN_KEY", ADMIN)));
    http = new HttpTestClient(gateway.baseUrl());
    acme = key("acme");
    globex = key("globex");
  }

  @AfterAll
  static void stop() {
    gateway.close();
    sim.close();
  }

  static String key(String tenant) throws Exception {
    HttpResponse<String> r =
        http.postJson(
            "/admin/keys",
            "{\"tenant\":\"" + tenant + "\",\"role\":\"app\"}",
            "authorization",
            "Bearer " + ADMIN);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).path("key").asText();
  }

  static String answer(String key) {
    HttpResponse<String> r =
        http.postJson("/v1/chat/completions", CHAT, "authorization", "Bearer " + key);
    assertThat(r.statusCode()).isEqualTo(200);
    return r.headers().firstValue("x-request-id").orElseThrow();
  }

  static HttpResponse<String> rate(String key, String body) {
    return http.postJson("/v1/feedback", body, "authorization", "Bearer " + key);
  }

  @Test
  void a_rating_is_linked_to_the_request_and_shows_in_metrics_and_usage() throws Exception {
    String id = answer(acme);
    HttpResponse<String> r =
        rate(
            acme,
            "{\"request_id\":\""
                + id
                + "\",\"score\":4,\"comment\":\"good\",\"tags\":[\"helpful\"]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode stored = JSON.readTree(r.body());
    assertThat(stored.path("route").asText()).isEqualTo("ask");
    assertThat(stored.path("model").asText()).isEqualTo("ask");
    assertThat(stored.path("score").asDouble()).isEqualTo(0.75);
    assertThat(
            rate(acme, "{\"request_id\":\"" + answer(acme) + "\",\"thumbs\":\"down\"}")
                .statusCode())
        .isEqualTo(200);

    String metrics = http.get("/admin/metrics", "authorization", "Bearer " + ADMIN).body();
    assertThat(metrics.lines().filter(l -> l.startsWith("gantry_feedback_score_count")))
        .containsExactlyInAnyOrder(
            "gantry_feedback_score_count{kind=\"stars\",model=\"ask\",route=\"ask\"} 1",
            "gantry_feedback_score_count{kind=\"thumbs\",model=\"ask\",route=\"ask\"} 1");
    JsonNode usage =
        JSON.readTree(
            http.get("/admin/usage?tenant=acme", "authorization", "Bearer " + ADMIN).body());
    JsonNode f = usage.path("feedback").get(0);
    assertThat(f.path("route").asText()).isEqualTo("ask");
    assertThat(f.path("ratings").asLong()).isEqualTo(2);
    assertThat(f.path("mean_score").asDouble()).isEqualTo(0.375);
  }

  @Test
  void another_tenants_request_cannot_be_rated() {
    String id = answer(acme);
    HttpResponse<String> r = rate(globex, "{\"request_id\":\"" + id + "\",\"thumbs\":\"up\"}");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("request_not_found");
  }

  @Test
  void bad_ratings_get_an_openai_shaped_400() throws Exception {
    String id = answer(acme);
    for (String body :
        new String[] {
          "{\"request_id\":\"" + id + "\",\"score\":7}",
          "{\"request_id\":\"" + id + "\",\"score\":3,\"thumbs\":\"up\"}",
          "{\"request_id\":\"" + id + "\"}",
          "{\"request_id\":\"" + id + "\",\"thumbs\":\"sideways\"}",
          "{\"request_id\":\"" + id + "\",\"score\":2,\"extra\":1}",
          "{\"request_id\":\"" + id + "\",\"score\":2,\"tags\":[\"a\\nb\"]}",
          "{\"score\":2}",
          "not json"
        }) {
      HttpResponse<String> r = rate(acme, body);
      assertThat(r.statusCode()).as(body).isEqualTo(400);
      assertThat(JSON.readTree(r.body()).path("error").path("type").asText())
          .as(body)
          .isEqualTo("invalid_request_error");
    }
  }
}
