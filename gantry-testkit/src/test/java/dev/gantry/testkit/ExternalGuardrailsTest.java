package dev.gantry.testkit;

import static dev.gantry.testkit.GuardrailsTest.chat;
import static dev.gantry.testkit.GuardrailsTest.content;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * External guardrail servers as checks, against stand-ins that speak NeMo Guardrails', Guardrails
 * AI's and the webhook's wire formats ({@link GuardrailServerStandIn}); a check that overruns its
 * budget follows its {@code on_error} rule and moves the failure counter in {@code /admin/metrics}.
 */
class ExternalGuardrailsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ADMIN = "bootstrap-admin-key-for-external-checks-0123";
  static GuardrailServerStandIn servers;
  static Simulator sim;
  static Gateway gateway;
  static HttpTestClient http;

  @BeforeAll
  static void start() {
    servers = new GuardrailServerStandIn();
    sim = GantryTestKit.simulator("rules:\n  - match: {regex: \".\"}\n    echo: user\n");
    String base = servers.baseUrl();
    String yaml =
        "server:\n  port: 0\n"
            + "admin: {on_public_listener: true}\n"
            + "auth: {required: true}\n"
            + "providers:\n  sim:\n    type: openai_compatible\n    base_url: ${SIM_URL}/v1\n"
            + "routes:\n"
            + route("nemo-in", "input", "{check: nemo, url: \"" + base + "\", config_id: rails-a}")
            + route(
                "nemo-out", "output", "{check: nemo, url: \"" + base + "\", config_id: rails-a}")
            + route(
                "gai",
                "output",
                "{check: guardrails_ai, url: \"" + base + "\", guard: secrets, api_key: k}")
            + route("hook", "input", "{check: webhook, url: \"" + base + "/hook\"}")
            + route(
                "hook-open",
                "input",
                "{check: webhook, url: \"" + base + "/hook\", timeout: 300ms, on_error: open}")
            + route(
                "hook-closed",
                "input",
                "{check: webhook, url: \"" + base + "/hook\", timeout: 300ms, on_error: closed}");
    gateway =
        Gateway.start(
            GantryTestKit.config(yaml, sim),
            GantryTestKit.options()
                .withEnv(Map.of("GANTRY_ADMIN_KEY", ADMIN, "SIM_URL", sim.baseUrl())));
    http = new HttpTestClient(gateway.baseUrl());
  }

  static String route(String name, String phase, String check) {
    return "  "
        + name
        + ":\n    deployments: [{provider: sim, model: m}]\n"
        + "    guardrails:\n      "
        + phase
        + ":\n        - "
        + check
        + "\n";
  }

  @AfterAll
  static void stop() {
    gateway.close();
    sim.close();
    servers.close();
  }

  @BeforeEach
  void clear() {
    sim.clearReceived();
    servers.clear();
  }

  HttpResponse<String> ask(String route, String text) throws Exception {
    return http.postJson(
        "/v1/chat/completions", chat(route, text, ""), "authorization", "Bearer " + ADMIN);
  }

  @Test
  void a_nemo_input_rail_that_stops_refuses_the_request_before_the_model() throws Exception {
    HttpResponse<String> r = ask("nemo-in", "Please BLOCKME now");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).path("error").path("code").asText()).isEqualTo("nemo");
    assertThat(sim.received()).isEmpty();
    JsonNode sent = servers.received().get(0);
    assertThat(sent.path("config_id").asText()).isEqualTo("rails-a");
    assertThat(sent.path("options").path("rails").toString()).isEqualTo("[\"input\"]");
  }

  @Test
  void a_nemo_rail_that_masks_rewrites_the_request_the_model_sees() throws Exception {
    HttpResponse<String> r = ask("nemo-in", "My card is 4111 and it expired");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(content(r)).isEqualTo("My card is **** and it expired");
    assertThat(sim.received().get(0).body().toString()).doesNotContain("4111");
  }

  @Test
  void nemo_output_rails_see_the_question_and_the_answer() throws Exception {
    HttpResponse<String> r = ask("nemo-out", "say BLOCKME");
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode messages = servers.received().get(0).path("messages");
    assertThat(messages.path(1).path("role").asText()).isEqualTo("assistant");
    assertThat(servers.received().get(0).path("options").path("rails").path(0).asText())
        .isEqualTo("output");
  }

  @Test
  void a_failed_guardrails_ai_validation_refuses_and_a_fix_rewrites_the_answer() throws Exception {
    assertThat(ask("gai", "the secret is 42").statusCode()).isEqualTo(400);
    HttpResponse<String> fixed = ask("gai", "darn it");
    assertThat(fixed.statusCode()).isEqualTo(200);
    assertThat(content(fixed)).isEqualTo("dang it");
    assertThat(servers.received().get(1).path("llmOutput").asText()).isEqualTo("darn it");
  }

  @Test
  void the_webhook_blocks_rewrites_and_allows() throws Exception {
    assertThat(ask("hook", "a forbidden thing").statusCode()).isEqualTo(400);
    assertThat(content(ask("hook", "please rewrite me"))).isEqualTo("please rewritten");
    assertThat(content(ask("hook", "hello"))).isEqualTo("hello");
    JsonNode sent = servers.received().get(0);
    assertThat(sent.path("role").asText()).isEqualTo("user");
    assertThat(sent.path("phase").asText()).isEqualTo("input");
    assertThat(sent.path("route").asText()).isEqualTo("hook");
  }

  @Test
  void a_check_that_times_out_follows_on_error_and_counts_as_a_failure_in_the_metrics()
      throws Exception {
    HttpResponse<String> open = ask("hook-open", "please hang");
    assertThat(open.statusCode()).isEqualTo(200);
    assertThat(open.headers().firstValue("x-gantry-guardrail-findings"))
        .hasValueSatisfying(v -> assertThat(v).contains("webhook:flagged"));
    assertThat(ask("hook-closed", "please hang").statusCode()).isEqualTo(400);
    String metrics = http.get("/admin/metrics", "authorization", "Bearer " + ADMIN).body();
    assertThat(metrics)
        .contains("gantry_guardrail_failures_total{route=\"hook-open\",check=\"webhook\"} 1")
        .contains("gantry_guardrail_failures_total{route=\"hook-closed\",check=\"webhook\"} 1");
  }
}
