package dev.gantry.testkit;

import static dev.gantry.testkit.GuardrailsTest.chat;
import static dev.gantry.testkit.GuardrailsTest.content;
import static dev.gantry.testkit.GuardrailsTest.streamed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grounding check on retrieval routes: flag, block, reprompt and streams, on real requests. */
class GroundingGuardrailsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static Simulator sim;
  static Gateway gateway;
  static HttpTestClient http;

  static final String GROUNDED = "The old lighthouse on Karrak Point was built in 1871 [1].";
  static final String INVENTED =
      "The lighthouse on Karrak Point was built in 1895 by Gustave Eiffel [1].";

  @BeforeAll
  static void start() throws Exception {
    Path docs = Files.createDirectories(dir.resolve("docs"));
    Files.writeString(
        docs.resolve("lighthouse.md"),
        "# The Old Lighthouse\n\nThe old lighthouse on Karrak Point was built in 1871 by the"
            + " harbour board. Its lamp was first lit on 3 May 1872.\n");
    Files.writeString(
        docs.resolve("bakery.md"),
        "# Marlow's Bakery\n\nMarlow's Bakery opens at six in the morning and is famous for its"
            + " rye sourdough.\n");
    sim =
        GantryTestKit.simulator(
            "chunk_tokens: 2\n"
                + "rules:\n"
                + "  - match: {contains: \"previous answer was rejected\"}\n"
                + "    reply: \""
                + GROUNDED
                + "\"\n"
                + "  - match: {contains: \"When was\"}\n"
                + "    reply: \""
                + GROUNDED
                + "\"\n"
                + "  - match: {contains: \"Who built\"}\n"
                + "    reply: \""
                + INVENTED
                + "\"\n");
    String route =
        "    deployments: [{provider: sim, model: m}]\n"
            + "    rag: {kb: town, top_k: 2, min_score: 0.0}\n"
            + "    guardrails:\n"
            + "      stream_window_chars: 16\n"
            + "      output:\n";
    String yaml =
        "server:\n  port: 0\n"
            + "data_dir: "
            + dir.resolve("data")
            + "\n"
            + "knowledge_bases:\n  town: {sources: ["
            + docs
            + "]}\n"
            + "providers:\n"
            + "  sim: {type: openai_compatible, base_url: \"${SIM_URL}/v1\"}\n"
            + "routes:\n"
            + "  flagged:\n"
            + route
            + "        - {check: grounding, action: flag}\n"
            + "  blocked:\n"
            + route
            + "        - {check: grounding, action: block}\n"
            + "  repaired:\n"
            + route
            + "        - {check: grounding, action: reprompt}\n";
    gateway = GantryTestKit.gateway(yaml, sim);
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

  static String ask(String route, String question, String extra) {
    return chat(route, question, extra);
  }

  @Test
  void a_grounded_answer_passes_with_its_claims_annotated() throws Exception {
    HttpResponse<String> r =
        http.postJson("/v1/chat/completions", ask("flagged", "When was the lighthouse built?", ""));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(content(r)).isEqualTo(GROUNDED);
    JsonNode g = JSON.readTree(r.body()).path("choices").path(0).path("gantry_grounding");
    assertThat(g.path("grounded").asBoolean()).isTrue();
    assertThat(g.path("claims").path(0).path("support").asText()).isEqualTo("supported");
    assertThat(r.headers().firstValue("x-gantry-guardrail-findings")).isEmpty();
  }

  @Test
  void an_invented_answer_is_flagged_naming_the_claim_and_what_the_sources_lack() throws Exception {
    HttpResponse<String> r =
        http.postJson("/v1/chat/completions", ask("flagged", "Who built the lighthouse?", ""));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(content(r)).isEqualTo(INVENTED);
    assertThat(r.headers().firstValue("x-gantry-guardrail-findings"))
        .hasValueSatisfying(v -> assertThat(v).contains("grounding:flagged"));
    JsonNode claim =
        JSON.readTree(r.body())
            .path("choices")
            .path(0)
            .path("gantry_grounding")
            .path("claims")
            .path(0);
    assertThat(claim.path("support").asText()).isIn("unsupported", "contradicted");
    assertThat(claim.path("missing").toString()).contains("Eiffel").contains("1895");
  }

  @Test
  void an_invented_answer_is_refused_on_a_blocking_route() throws Exception {
    HttpResponse<String> r =
        http.postJson("/v1/chat/completions", ask("blocked", "Who built the lighthouse?", ""));
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(r.body()).path("error");
    assertThat(error.path("type").asText()).isEqualTo("guardrail_rejected");
    assertThat(error.path("code").asText()).isEqualTo("grounding");
    assertThat(r.body()).doesNotContain("Eiffel");
  }

  @Test
  void the_model_is_asked_once_more_naming_the_unsupported_claim() throws Exception {
    HttpResponse<String> r =
        http.postJson("/v1/chat/completions", ask("repaired", "Who built the lighthouse?", ""));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(content(r)).isEqualTo(GROUNDED);
    assertThat(sim.received()).hasSize(2);
    String repair = sim.received().get(1).body().toString();
    assertThat(repair).contains("not supported by the sources").contains("Gustave Eiffel");
    assertThat(r.headers().firstValue("x-gantry-guardrail-findings"))
        .hasValueSatisfying(v -> assertThat(v).contains("grounding:reprompted"));
  }

  @Test
  void an_invented_streamed_answer_ends_with_an_error_event_instead_of_done() throws Exception {
    HttpResponse<String> r =
        http.postJson(
            "/v1/chat/completions",
            ask("blocked", "Who built the lighthouse?", ",\"stream\":true"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).doesNotContain("[DONE]").contains("\"code\":\"grounding\"");
  }

  @Test
  void a_grounded_streamed_answer_arrives_whole() throws Exception {
    HttpResponse<String> r =
        http.postJson(
            "/v1/chat/completions",
            ask("blocked", "When was the lighthouse built?", ",\"stream\":true"));
    assertThat(r.body()).contains("[DONE]");
    assertThat(streamed(r)).isEqualTo(GROUNDED);
  }
}
