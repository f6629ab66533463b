package dev.gantry.testkit.cost;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import dev.gantry.testkit.GantryTestKit;
import dev.gantry.testkit.HttpTestClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Per-request budgets: input tokens refused or trimmed, output capped, worst-case cost refused. */
class RequestBudgetTest {
  static Simulator sim;
  static Gateway gateway;
  static HttpTestClient http;

  @BeforeAll
  static void start() {
    sim = GantryTestKit.simulator();
    gateway =
        GantryTestKit.gateway(
            """
            providers:
              sim: {type: openai_compatible, base_url: "${SIM_URL}/v1"}
            routes:
              strict:
                deployments: [{provider: sim, model: m}]
                budget: {max_input_tokens: 60, max_output_tokens: 100}
              trimmed:
                deployments: [{provider: sim, model: m}]
                budget: {max_input_tokens: 60, on_excess: trim}
              dear:
                deployments: [{provider: sim, model: dear}]
                budget: {max_cost_usd: 0.01}
              unpriced:
                deployments: [{provider: sim, model: nobody-knows}]
                budget: {max_cost_usd: 0.01}
            cost:
              prices:
                - {provider: sim, model: m, input: 1.00, output: 2.00}
                - {provider: sim, model: dear, input: 10.00, output: 100.00}
            """,
            sim);
    http = new HttpTestClient(gateway.baseUrl());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    sim.close();
  }

  static String turns(String route, int pairs, String extra) {
    StringBuilder b = new StringBuilder("{\"model\":\"" + route + "\"" + extra + ",\"messages\":[");
    b.append("{\"role\":\"system\",\"content\":\"You are terse.\"}");
    for (int i = 0; i < pairs; i++) {
      b.append(",{\"role\":\"user\",\"content\":\"Question number ")
          .append(i)
          .append(" about the weather in the mountains today?\"}")
          .append(",{\"role\":\"assistant\",\"content\":\"Answer number ")
          .append(i)
          .append(": it is sunny.\"}");
    }
    return b.append(",{\"role\":\"user\",\"content\":\"And tomorrow?\"}]}").toString();
  }

  JsonNode lastReceived() {
    return sim.received().get(sim.received().size() - 1).body();
  }

  @Test
  void refuses_a_request_above_the_input_budget() {
    HttpResponse<String> r = http.postJson("/v1/chat/completions", turns("strict", 5, ""));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("\"code\":\"context_budget_exceeded\"", "allows 60");
  }

  @Test
  void trims_the_oldest_turns_keeping_the_system_prompt_and_the_question() {
    int before = sim.received().size();
    HttpResponse<String> r = http.postJson("/v1/chat/completions", turns("trimmed", 5, ""));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(sim.received()).hasSize(before + 1);
    JsonNode messages = lastReceived().get("messages");
    assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
    assertThat(messages.get(messages.size() - 1).path("content").asText())
        .isEqualTo("And tomorrow?");
    assertThat(messages.size()).isLessThan(12).isGreaterThanOrEqualTo(2);
    assertThat(messages.get(1).path("role").asText()).as("a whole turn goes").isEqualTo("user");
  }

  @Test
  void caps_the_output_tokens_or_sets_the_cap_when_absent() {
    http.postJson("/v1/chat/completions", turns("strict", 0, ""));
    assertThat(lastReceived().path("max_completion_tokens").asInt()).isEqualTo(100);
    http.postJson("/v1/chat/completions", turns("strict", 0, ",\"max_tokens\":500"));
    assertThat(lastReceived().path("max_tokens").asInt()).isEqualTo(100);
    http.postJson("/v1/chat/completions", turns("strict", 0, ",\"max_tokens\":20"));
    assertThat(lastReceived().path("max_tokens").asInt()).as("a smaller ask is kept").isEqualTo(20);
  }

  @Test
  void refuses_a_request_whose_worst_case_cost_is_above_the_budget() {
    HttpResponse<String> big = http.postJson("/v1/chat/completions", turns("dear", 0, ""));
    assertThat(big.statusCode())
        .as("4096 default output tokens x USD 100/M > USD 0.01")
        .isEqualTo(400);
    assertThat(big.body()).contains("\"code\":\"request_cost_exceeded\"", "USD 0.010000");
    HttpResponse<String> small =
        http.postJson("/v1/chat/completions", turns("dear", 0, ",\"max_tokens\":50"));
    assertThat(small.statusCode()).isEqualTo(200);
    HttpResponse<String> unknown = http.postJson("/v1/chat/completions", turns("unpriced", 0, ""));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("no known price");
  }
}
