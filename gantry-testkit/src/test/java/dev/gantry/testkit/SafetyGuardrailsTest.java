package dev.gantry.testkit;

import static dev.gantry.testkit.GuardrailsTest.chat;
import static dev.gantry.testkit.GuardrailsTest.streamed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The safety check on real requests: blocking and flagging input, blocking answers and streams. */
class SafetyGuardrailsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static Simulator sim;
  static Gateway gateway;
  static HttpTestClient http;

  static final String ABUSE =
      "You are a pathetic, worthless idiot and everyone at work laughs at you behind your back.";
  static final String THREAT = "I will find where you live and kill you and your whole family.";

  static final String SCENARIO =
      "chunk_tokens: 1\n"
          + "rules:\n"
          + "  - match: {contains: \"what do you think of me\"}\n"
          + "    reply: \""
          + ABUSE
          + "\"\n"
          + "  - match: {contains: \"echo\"}\n"
          + "    echo: user\n"
          + "default_reply: \"Bread needs flour, water, salt and yeast.\"\n";

  static final String CONFIG =
      "server:\n  port: 0\n"
          + "providers:\n  sim:\n    type: openai_compatible\n    base_url: ${SIM_URL}/v1\n"
          + "routes:\n"
          + "  moderated:\n"
          + "    deployments: [{provider: sim, model: m}]\n"
          + "    guardrails:\n"
          + "      stream_window_chars: 16\n"
          + "      input:\n"
          + "        - {check: safety, action: block}\n"
          + "      output:\n"
          + "        - {check: safety, action: block}\n"
          + "  watched:\n"
          + "    deployments: [{provider: sim, model: m}]\n"
          + "    guardrails:\n"
          + "      input:\n"
          + "        - {check: safety, action: flag}\n"
          + "      output:\n"
          + "        - {check: safety, action: flag}\n";

  @BeforeAll
  static void start() {
    sim = GantryTestKit.simulator(SCENARIO);
    gateway = GantryTestKit.gateway(CONFIG, sim);
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

  @Test
  void a_threat_is_refused_with_a_400_naming_the_check_and_never_reaches_the_model()
      throws Exception {
    HttpResponse<String> r = http.postJson("/v1/chat/completions", chat("moderated", THREAT, ""));
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(r.body()).path("error");
    assertThat(error.path("type").asText()).isEqualTo("guardrail_rejected");
    assertThat(error.path("code").asText()).isEqualTo("safety");
    assertThat(error.path("message").asText()).doesNotContain("kill you");
    assertThat(r.headers().firstValue("x-gantry-guardrail")).hasValue("safety");
    assertThat(sim.received()).isEmpty();
  }

  @Test
  void ordinary_requests_with_alarming_words_pass() throws Exception {
    for (String text :
        new String[] {
          "How do I kill a Python process that hangs?",
          "What are the symptoms of a sexually transmitted infection?",
          "Summarise the causes of the First World War."
        }) {
      HttpResponse<String> r = http.postJson("/v1/chat/completions", chat("moderated", text, ""));
      assertThat(r.statusCode()).as(text).isEqualTo(200);
    }
    assertThat(sim.received()).hasSize(3);
  }

  @Test
  void a_flagged_request_goes_through_and_the_finding_is_reported() throws Exception {
    HttpResponse<String> r = http.postJson("/v1/chat/completions", chat("watched", THREAT, ""));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-gantry-guardrail-findings"))
        .hasValueSatisfying(v -> assertThat(v).contains("safety:flagged"));
    assertThat(sim.received()).hasSize(1);
  }

  @Test
  void an_abusive_answer_is_refused() throws Exception {
    HttpResponse<String> r =
        http.postJson("/v1/chat/completions", chat("moderated", "what do you think of me?", ""));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("\"code\":\"safety\"").doesNotContain("idiot");
    assertThat(sim.received()).hasSize(1);
  }

  @Test
  void an_abusive_streamed_answer_ends_with_an_error_event_before_the_abuse_is_sent()
      throws Exception {
    HttpResponse<String> r =
        http.postJson(
            "/v1/chat/completions",
            chat("moderated", "what do you think of me?", ",\"stream\":true"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).doesNotContain("[DONE]").contains("\"code\":\"safety\"");
    assertThat(streamed(r)).doesNotContain("idiot").doesNotContain("laughs at you");
  }

  @Test
  void a_clean_streamed_answer_passes_whole() throws Exception {
    HttpResponse<String> r =
        http.postJson(
            "/v1/chat/completions", chat("moderated", "how do I bake bread?", ",\"stream\":true"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("[DONE]");
    assertThat(streamed(r)).isEqualTo("Bread needs flour, water, salt and yeast.");
  }
}
