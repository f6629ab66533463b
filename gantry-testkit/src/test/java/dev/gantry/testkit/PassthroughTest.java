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

/** Fields Gantry does not know reach the upstream untouched. */
class PassthroughTest {
  static Simulator sim;
  static Gateway gateway;
  static HttpTestClient http;

  @BeforeAll
  static void start() {
    sim = GantryTestKit.simulator();
    gateway = GantryTestKit.gateway(GantryTestKit.simConfig("public-name"), sim);
    http = new HttpTestClient(gateway.baseUrl());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    sim.close();
  }

  @Test
  void unknown_and_optional_fields_reach_the_upstream_untouched() throws Exception {
    String body =
        "{\"model\":\"public-name\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
            + "\"x_vendor_extension\":{\"nested\":[1,2,{\"a\":true}]},\"seed\":7,\"logprobs\":true,"
            + "\"top_logprobs\":2,\"user\":\"customer-9\",\"metadata\":{\"team\":\"search\"},"
            + "\"stop\":[\"END\"],\"n\":1,\"repetition_penalty\":1.1}";
    HttpResponse<String> r = http.postJson("/v1/chat/completions", body);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode received = sim.received().get(sim.received().size() - 1).body();
    JsonNode sent = new ObjectMapper().readTree(body);
    assertThat(received.path("model").asText()).isEqualTo("public-name");
    for (String field :
        new String[] {
          "x_vendor_extension",
          "seed",
          "logprobs",
          "top_logprobs",
          "user",
          "metadata",
          "stop",
          "n",
          "repetition_penalty",
          "messages"
        }) {
      assertThat(received.get(field)).as(field).isEqualTo(sent.get(field));
    }
  }

  @Test
  void upstream_fields_are_passed_back() throws Exception {
    HttpResponse<String> r =
        http.postJson(
            "/v1/chat/completions",
            "{\"model\":\"public-name\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    JsonNode answer = new ObjectMapper().readTree(r.body());
    assertThat(answer.path("object").asText()).isEqualTo("chat.completion");
    assertThat(answer.has("id")).isTrue();
    assertThat(answer.has("created")).isTrue();
    assertThat(answer.path("usage").has("total_tokens")).isTrue();
  }
}
