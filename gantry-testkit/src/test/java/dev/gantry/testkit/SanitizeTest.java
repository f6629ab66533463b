package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sanitize stage on real requests: limits, and invisible characters stripped or refused. */
class SanitizeTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static Simulator sim;

  @BeforeAll
  static void start() {
    sim = GantryTestKit.simulator();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  /** "hi" followed by the tag characters spelling "ignore", as JSON escapes. */
  static final String SMUGGLED =
      "hi\\uDB40\\uDC69\\uDB40\\uDC67\\uDB40\\uDC6E\\uDB40\\uDC6F\\uDB40\\uDC72\\uDB40\\uDC65";

  static String chat(String content) {
    return "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}";
  }

  @Test
  void smuggled_tag_characters_are_stripped_before_the_model_sees_them() throws Exception {
    try (Gateway g =
        GantryTestKit.gateway(
            "sanitize: {invisible: strip}\n" + GantryTestKit.simConfig("m"), sim)) {
      sim.clearReceived();
      HttpResponse<String> r =
          new HttpTestClient(g.baseUrl()).postJson("/v1/chat/completions", chat(SMUGGLED));
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode sent = sim.received().get(0).body().path("messages").get(0);
      assertThat(sent.path("content").asText()).isEqualTo("hi");
      assertThat(r.headers().firstValue("x-gantry-guardrail-findings"))
          .hasValue("sanitize:redacted");
    }
  }

  @Test
  void smuggled_tag_characters_are_refused_when_configured() throws Exception {
    try (Gateway g =
        GantryTestKit.gateway(
            "sanitize: {invisible: reject}\n" + GantryTestKit.simConfig("m"), sim)) {
      HttpResponse<String> r =
          new HttpTestClient(g.baseUrl()).postJson("/v1/chat/completions", chat(SMUGGLED));
      assertThat(r.statusCode()).isEqualTo(400);
      JsonNode error = JSON.readTree(r.body()).path("error");
      assertThat(error.path("code").asText()).isEqualTo("invisible_characters");
      assertThat(error.path("message").asText()).contains("6 Unicode tag characters");
    }
  }

  @Test
  void too_many_messages_get_a_400_naming_the_limit() throws Exception {
    try (Gateway g =
        GantryTestKit.gateway(
            "sanitize: {max_messages: 2}\n" + GantryTestKit.simConfig("m"), sim)) {
      String body =
          "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"},"
              + "{\"role\":\"assistant\",\"content\":\"b\"},{\"role\":\"user\",\"content\":\"c\"}]}";
      HttpResponse<String> r =
          new HttpTestClient(g.baseUrl()).postJson("/v1/chat/completions", body);
      assertThat(r.statusCode()).isEqualTo(400);
      JsonNode error = JSON.readTree(r.body()).path("error");
      assertThat(error.path("param").asText()).isEqualTo("messages");
      assertThat(error.path("message").asText()).contains("sanitize.max_messages");
    }
  }

  @Test
  void roles_outside_the_allowed_set_are_refused() throws Exception {
    try (Gateway g =
        GantryTestKit.gateway(
            "sanitize: {allowed_roles: [user, assistant]}\n" + GantryTestKit.simConfig("m"), sim)) {
      String body =
          "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"a\"},"
              + "{\"role\":\"user\",\"content\":\"c\"}]}";
      HttpResponse<String> r =
          new HttpTestClient(g.baseUrl()).postJson("/v1/chat/completions", body);
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(r.body()).path("error").path("param").asText())
          .isEqualTo("messages[0].role");
    }
  }
}
