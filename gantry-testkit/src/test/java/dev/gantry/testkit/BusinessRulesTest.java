package dev.gantry.testkit;

import static dev.gantry.testkit.GuardrailsTest.chat;
import static dev.gantry.testkit.GuardrailsTest.content;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.core.config.GantryConfig;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shipped examples/rules.yaml on real requests: block, flag, reprompt and a stream. */
class BusinessRulesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static Simulator sim;
  static Gateway gateway;
  static HttpTestClient http;

  static final String SCENARIO =
      "chunk_tokens: 2\n"
          + "rules:\n"
          + "  - match: {contains: \"previous answer was rejected\"}\n"
          + "    reply: '{\"refund_amount\": 650, \"status\": \"pending approval\"}'\n"
          + "  - match: {contains: \"big refund\"}\n"
          + "    reply: '{\"refund_amount\": 650, \"status\": \"approved\"}'\n"
          + "  - match: {contains: \"small refund\"}\n"
          + "    reply: '{\"refund_amount\": 40, \"status\": \"approved\"}'\n"
          + "  - match: {contains: \"kettle\"}\n"
          + "    reply: \"The kettle costs $24.50 and the mug $9.99.\"\n"
          + "  - match: {contains: \"teapot\"}\n"
          + "    reply: \"The teapot costs $19.99 today.\"\n"
          + "  - match: {contains: \"headache\"}\n"
          + "    reply: \"Rest and drink water.\"\n"
          + "  - match: {contains: \"careful\"}\n"
          + "    reply: \"Rest and drink water. This is not medical advice.\"\n";

  @BeforeAll
  static void start() throws Exception {
    sim = GantryTestKit.simulator(SCENARIO);
    String yaml = Files.readString(Path.of("..", "examples", "rules.yaml"));
    GantryConfig config =
        GantryTestKit.config(
            yaml,
            Map.of(
                "SIM_PORT",
                Integer.toString(URI.create(sim.baseUrl()).getPort()),
                "GANTRY_PORT",
                "0"));
    gateway = GantryTestKit.gateway(config);
    http = new HttpTestClient(gateway.baseUrl());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    sim.close();
  }

  @BeforeEach
  void clear() {
    sim.clearReceived();
  }

  HttpResponse<String> ask(String route, String text, String extra) throws Exception {
    return http.postJson("/v1/chat/completions", chat(route, text, extra));
  }

  @Test
  void a_refund_above_500_without_pending_approval_is_reprompted_with_the_rules_message()
      throws Exception {
    HttpResponse<String> r = ask("refunds", "I want a big refund", "");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(content(r)).contains("pending approval");
    assertThat(sim.received()).hasSize(2);
    assertThat(sim.received().get(1).body().toString())
        .contains("A refund above 500 must say that it is pending approval.");
    assertThat(ask("refunds", "a small refund please", "").statusCode()).isEqualTo(200);
  }

  @Test
  void a_price_that_is_not_in_the_catalog_is_refused_with_the_rules_message() throws Exception {
    assertThat(content(ask("shop", "what does a kettle cost", ""))).contains("$24.50");
    HttpResponse<String> r = ask("shop", "and a teapot?", "");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).path("error").path("code").asText()).isEqualTo("rules");
    assertThat(r.body()).contains("Quote only prices from the catalog.");
  }

  @Test
  void a_medical_answer_without_the_disclaimer_is_flagged_and_delivered() throws Exception {
    HttpResponse<String> r = ask("health", "I have a headache", "");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-gantry-guardrail-findings"))
        .hasValueSatisfying(v -> assertThat(v).contains("rules:flagged"));
    assertThat(ask("health", "be careful", "").headers().firstValue("x-gantry-guardrail-findings"))
        .isEmpty();
  }

  @Test
  void a_streamed_answer_that_breaks_a_rule_ends_with_an_error_event() throws Exception {
    HttpResponse<String> r = ask("shop", "and a teapot?", ",\"stream\":true");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).doesNotContain("[DONE]").contains("\"code\":\"rules\"");
  }

  @Test
  void an_input_rule_reads_the_request_context() throws Exception {
    assertThat(ask("health", "x".repeat(2500), "").statusCode()).isEqualTo(200);
  }
}
