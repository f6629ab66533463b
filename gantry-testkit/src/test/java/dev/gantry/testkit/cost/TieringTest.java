package dev.gantry.testkit.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.cost.Usd;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import dev.gantry.testkit.GantryTestKit;
import dev.gantry.testkit.HttpTestClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Model tiers: the router's choice, cascades on failed checks, costs of discarded attempts. */
class TieringTest {
  static Simulator sim;
  static Gateway gateway;
  static HttpTestClient http;

  @BeforeAll
  static void start() {
    sim =
        GantryTestKit.simulator(
            """
            rules:
              - match: {model: small, contains: "warranty"}
                reply: "I don't know the answer to that."
              - match: {model: small, contains: "as JSON"}
                reply: "Sure! Here it is: answer 42"
              - match: {contains: "as JSON"}
                json: {answer: 42}
              - match: {model: small, contains: "essay"}
                reply: "An essay would start with a strong thesis and then develop it"
            default_reply: "Paris is the capital of France."
            """);
    gateway =
        GantryTestKit.gateway(
            """
            providers:
              sim: {type: openai_compatible, base_url: "${SIM_URL}/v1"}
            routes:
              assistant:
                tiers:
                  small: [{provider: sim, model: small}]
                  large: [{provider: sim, model: large}]
                tiering: {mode: cascade, threshold: 0.5}
              routed:
                tiers:
                  small: [{provider: sim, model: small}]
                  large: [{provider: sim, model: large}]
                tiering: {mode: router}
            cost:
              prices:
                - {provider: sim, model: small, input: 0.15, output: 0.60}
                - {provider: sim, model: large, input: 2.50, output: 10.00}
            """,
            sim);
    http = new HttpTestClient(gateway.baseUrl());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    sim.close();
  }

  static HttpResponse<String> ask(String route, String text, String extra) {
    return http.postJson(
        "/v1/chat/completions",
        "{\"model\":\""
            + route
            + "\""
            + extra
            + ",\"messages\":[{\"role\":\"user\",\"content\":\""
            + text
            + "\"}]}");
  }

  static String header(HttpResponse<String> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  @Test
  void a_simple_question_stays_on_the_small_tier() {
    HttpResponse<String> r = ask("assistant", "What is the capital of France?", "");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(header(r, "x-gantry-tier")).isEqualTo("small");
    assertThat(header(r, "x-gantry-tier-reason")).startsWith("simple 0.00");
    assertThat(header(r, "x-gantry-escalated")).isNull();
    assertThat(header(r, "x-gantry-model")).isEqualTo("small");
  }

  @Test
  void code_and_maths_go_to_the_large_tier_with_the_reason() {
    HttpResponse<String> r =
        ask(
            "assistant",
            "Write a Python function that solves the equation x^2 + 3x - 4 = 0 and explain why",
            "");
    assertThat(header(r, "x-gantry-tier")).isEqualTo("large");
    assertThat(header(r, "x-gantry-tier-reason")).startsWith("complex").contains("code", "math");
    assertThat(header(r, "x-gantry-model")).isEqualTo("large");
  }

  @Test
  void an_i_dont_know_escalates_and_the_discarded_answer_is_paid_for() {
    HttpResponse<String> r = ask("assistant", "Does my warranty cover water damage?", "");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(header(r, "x-gantry-tier")).isEqualTo("large");
    assertThat(header(r, "x-gantry-escalated")).isEqualTo("small->large:dont_know");
    assertThat(r.body()).contains("Paris");
    long total = Usd.parse(header(r, "x-gantry-cost-usd"));
    HttpResponse<String> direct = ask("routed", "Does my warranty cover water damage?", "");
    long smallOnly = Usd.parse(header(direct, "x-gantry-cost-usd"));
    assertThat(total).as("small attempt plus large answer").isGreaterThan(smallOnly);
    assertThat(header(direct, "x-gantry-escalated")).as("router mode never escalates").isNull();
  }

  @Test
  void invalid_json_escalates_when_json_was_asked_for() {
    HttpResponse<String> r =
        ask(
            "assistant",
            "Give me the result as JSON",
            ",\"response_format\":{\"type\":\"json_object\"}");
    assertThat(header(r, "x-gantry-escalated")).isEqualTo("small->large:invalid_json");
    assertThat(r.body()).contains("{\\\"answer\\\":42}");
  }

  @Test
  void a_truncated_answer_escalates() {
    HttpResponse<String> r =
        ask("assistant", "Write a short essay about rivers", ",\"max_tokens\":5");
    assertThat(header(r, "x-gantry-escalated")).isEqualTo("small->large:truncated");
  }

  @Test
  void streams_take_the_routers_tier_and_never_escalate() {
    HttpResponse<String> r =
        ask("assistant", "Does my warranty cover water damage?", ",\"stream\":true");
    assertThat(header(r, "x-gantry-tier")).isEqualTo("small");
    assertThat(header(r, "x-gantry-escalated")).isNull();
    assertThat(r.body()).contains("know").contains("[DONE]");
  }
}
