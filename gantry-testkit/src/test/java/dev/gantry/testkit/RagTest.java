package dev.gantry.testkit;

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

/** Knowledge bases on real requests: context for a model, extractive answers, fallback, debug. */
class RagTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static Simulator sim;
  static Gateway gateway;
  static HttpTestClient http;

  @BeforeAll
  static void start() throws Exception {
    Path docs = Files.createDirectories(dir.resolve("docs"));
    Files.writeString(
        docs.resolve("lighthouse.md"),
        "# The Old Lighthouse\n\nThe old lighthouse on Karrak Point was built in 1871 by the"
            + " harbour board. Its lamp was first lit on 3 May 1872.\n\nThe keeper's cottage now"
            + " houses a small museum.\n");
    Files.writeString(
        docs.resolve("bakery.md"),
        "# Marlow's Bakery\n\nMarlow's Bakery opens at six in the morning and is famous for its"
            + " rye sourdough. The bakery closes on Mondays.\n");
    Files.writeString(
        docs.resolve("ferry.txt"),
        "The island ferry leaves the mainland pier every ninety minutes. A return ticket costs"
            + " twelve euros for adults.");
    sim =
        GantryTestKit.simulator(
            "faults:\n  - {type: status, status: 503, rate: 1, models: [broken]}\n");
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
            + "  kb: {type: extractive}\n"
            + "routes:\n"
            + "  ask:\n"
            + "    deployments: [{provider: sim, model: m}]\n"
            + "    rag: {kb: town, top_k: 2, min_score: 0.1}\n"
            + "  local:\n"
            + "    deployments: [{provider: kb, model: extractive}]\n"
            + "    rag: {kb: town, top_k: 3}\n"
            + "  resilient:\n"
            + "    deployments:\n"
            + "      - {provider: sim, model: broken}\n"
            + "      - {provider: kb, model: extractive, weight: 0}\n"
            + "    retry: {max_attempts: 1}\n"
            + "    rag: {kb: town}\n";
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

  static String chat(String model, String text, String extra) {
    return "{\"model\":\""
        + model
        + "\",\"messages\":[{\"role\":\"user\",\"content\":"
        + JSON.valueToTree(text)
        + "}]"
        + extra
        + "}";
  }

  @Test
  void the_model_gets_numbered_sources_and_the_client_gets_them_back() throws Exception {
    HttpResponse<String> r =
        http.postJson("/v1/chat/completions", chat("ask", "When was the lighthouse built?", ""));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode system = sim.received().get(0).body().path("messages").get(0);
    assertThat(system.path("role").asText()).isEqualTo("system");
    assertThat(system.path("content").asText()).contains("[1]").contains("built in 1871");
    JsonNode sources = JSON.readTree(r.body()).path("gantry_sources");
    assertThat(sources.get(0).path("document").asText()).isEqualTo("lighthouse.md");
    assertThat(sources.get(0).path("id").asText()).startsWith("lighthouse.md#");
    assertThat(r.headers().firstValue("x-gantry-sources").orElse("")).startsWith("lighthouse.md");
  }

  @Test
  void the_extractive_provider_answers_from_the_sources_with_a_citation() throws Exception {
    HttpResponse<String> r =
        http.postJson(
            "/v1/chat/completions", chat("local", "How much is a return ferry ticket?", ""));
    assertThat(r.statusCode()).isEqualTo(200);
    String answer =
        JSON.readTree(r.body()).path("choices").path(0).path("message").path("content").asText();
    assertThat(answer).contains("twelve euros").contains("[");
    assertThat(sim.received()).isEmpty();
    assertThat(r.headers().firstValue("x-gantry-provider")).hasValue("kb");
  }

  @Test
  void the_extractive_provider_says_it_does_not_know_when_nothing_is_relevant() throws Exception {
    HttpResponse<String> r =
        http.postJson(
            "/v1/chat/completions",
            chat("local", "What is the boiling point of liquid nitrogen in kelvin?", ""));
    String answer =
        JSON.readTree(r.body()).path("choices").path(0).path("message").path("content").asText();
    assertThat(answer).startsWith("I don't know");
  }

  @Test
  void extractive_answers_stream_too() throws Exception {
    HttpResponse<String> r =
        http.postJson(
            "/v1/chat/completions",
            chat("local", "On which day is the bakery closed?", ",\"stream\":true"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Mondays").contains("data: [DONE]");
  }

  @Test
  void when_every_upstream_fails_the_extractive_fallback_answers_marked_degraded()
      throws Exception {
    HttpResponse<String> r =
        http.postJson("/v1/chat/completions", chat("resilient", "When does the bakery open?", ""));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-gantry-degraded")).hasValue("true");
    assertThat(r.headers().firstValue("x-gantry-attempts")).hasValue("2");
    assertThat(r.body()).contains("six in the morning");
  }

  @Test
  void retrieve_returns_ranked_chunks_for_a_route_or_a_knowledge_base() throws Exception {
    HttpResponse<String> r =
        http.postJson(
            "/v1/retrieve", "{\"model\":\"ask\",\"query\":\"ferry ticket price\",\"top_k\":3}");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode data = JSON.readTree(r.body()).path("data");
    assertThat(data.get(0).path("document").asText()).isEqualTo("ferry.txt");
    assertThat(data.get(0).path("rank").asInt()).isEqualTo(1);
    HttpResponse<String> byKb =
        http.postJson("/v1/retrieve", "{\"kb\":\"town\",\"query\":\"sourdough\"}");
    assertThat(JSON.readTree(byKb.body()).path("data").get(0).path("document").asText())
        .isEqualTo("bakery.md");
  }

  @Test
  void retrieve_rejects_bad_requests_clearly() throws Exception {
    assertThat(http.postJson("/v1/retrieve", "{\"kb\":\"town\"}").statusCode()).isEqualTo(400);
    HttpResponse<String> missing =
        http.postJson("/v1/retrieve", "{\"kb\":\"nope\",\"query\":\"x\"}");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(missing.body()).path("error").path("code").asText())
        .isEqualTo("kb_not_found");
    assertThat(
            http.postJson("/v1/retrieve", "{\"kb\":\"town\",\"query\":\"x\",\"top_k\":99}")
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void a_knowledge_base_can_embed_with_a_providers_embeddings_endpoint() throws Exception {
    Path docs = dir.resolve("docs");
    String yaml =
        "data_dir: "
            + dir.resolve("data-provider")
            + "\nknowledge_bases:\n  remote: {sources: ["
            + docs
            + "], embeddings: {provider: sim, model: text-embedding-3-small}}\n"
            + "providers:\n  sim: {type: openai_compatible, base_url: \"${SIM_URL}/v1\"}\n"
            + "routes:\n  ask:\n    deployments: [{provider: sim, model: m}]\n"
            + "    rag: {kb: remote, top_k: 2, min_score: -1}\n";
    sim.clearReceived();
    try (Gateway g = GantryTestKit.gateway(yaml, sim)) {
      assertThat(sim.received()).anySatisfy(r -> assertThat(r.path()).isEqualTo("/v1/embeddings"));
      HttpResponse<String> r =
          new HttpTestClient(g.baseUrl())
              .postJson("/v1/retrieve", "{\"kb\":\"remote\",\"query\":\"ferry\"}");
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode data = JSON.readTree(r.body()).path("data");
      assertThat(data).hasSize(3);
      assertThat(data.get(0).path("document").asText()).isEqualTo("ferry.txt");
    }
  }
}
