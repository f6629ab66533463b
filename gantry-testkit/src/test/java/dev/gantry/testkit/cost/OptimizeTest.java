package dev.gantry.testkit.cost;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import dev.gantry.testkit.GantryTestKit;
import dev.gantry.testkit.HttpTestClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token optimisation on real requests: what reaches the upstream, and the tokens saved. */
class OptimizeTest {
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
            + " harbour board. Its walls are made of local granite and painted white every"
            + " spring. Visitors often photograph the gulls that nest on the gallery. The lamp"
            + " was first lit on 3 May 1872. A storm in 1903 broke two of its windows. The"
            + " keeper's cottage now houses a small museum with maps and old logbooks.\n");
    sim = GantryTestKit.simulator();
    gateway =
        GantryTestKit.gateway(
            "data_dir: "
                + dir.resolve("data")
                + "\nknowledge_bases:\n  town: {sources: ["
                + docs
                + "]}\n"
                + """
                providers:
                  sim: {type: openai_compatible, base_url: "${SIM_URL}/v1"}
                routes:
                  chat:
                    deployments: [{provider: sim, model: m}]
                    optimize:
                      dedupe: true
                      history: {max_turns: 3}
                      max_output_tokens: 256
                  ask:
                    deployments: [{provider: sim, model: m}]
                    rag: {kb: town, top_k: 1, min_score: 0.0}
                    optimize: {compress_context: {ratio: 0.4}}
                  plain:
                    deployments: [{provider: sim, model: m}]
                """,
            sim);
    http = new HttpTestClient(gateway.baseUrl());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    sim.close();
  }

  JsonNode lastReceived() {
    return sim.received().get(sim.received().size() - 1).body();
  }

  @Test
  void removes_repeats_and_old_turns_and_reports_the_tokens_saved() {
    String body =
        """
        {"model":"chat","messages":[
          {"role":"system","content":"Be brief."},
          {"role":"user","content":"Tell me about tides."},
          {"role":"assistant","content":"Tides follow the moon."},
          {"role":"user","content":"Tell me about tides."},
          {"role":"assistant","content":"Tides follow the moon."},
          {"role":"user","content":"And waves?"},
          {"role":"assistant","content":"Waves come from wind."},
          {"role":"user","content":"Which is stronger?"}]}""";
    HttpResponse<String> r = http.postJson("/v1/chat/completions", body);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode sent = lastReceived().get("messages");
    assertThat(sent.get(0).path("content").asText()).isEqualTo("Be brief.");
    assertThat(sent.get(sent.size() - 1).path("content").asText()).isEqualTo("Which is stronger?");
    assertThat(sent.size()).isLessThanOrEqualTo(4);
    assertThat(lastReceived().path("max_completion_tokens").asInt()).isEqualTo(256);
    assertThat(Long.parseLong(r.headers().firstValue("x-gantry-tokens-saved").orElseThrow()))
        .isPositive();
  }

  @Test
  void keeps_a_short_conversation_as_it_is() {
    HttpResponse<String> r =
        http.postJson(
            "/v1/chat/completions",
            "{\"model\":\"chat\",\"max_tokens\":10,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    assertThat(r.headers().firstValue("x-gantry-tokens-saved")).contains("0");
    assertThat(lastReceived().path("max_tokens").asInt()).isEqualTo(10);
  }

  @Test
  void compresses_retrieved_context_to_the_sentences_that_answer_the_question() {
    HttpResponse<String> r =
        http.postJson(
            "/v1/chat/completions",
            "{\"model\":\"ask\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"When was the lamp of the lighthouse first lit?\"}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    String system = lastReceived().get("messages").get(0).path("content").asText();
    assertThat(system).contains("first lit on 3 May 1872").doesNotContain("gulls");
    assertThat(Long.parseLong(r.headers().firstValue("x-gantry-tokens-saved").orElseThrow()))
        .isGreaterThan(20);
    HttpResponse<String> plain =
        http.postJson(
            "/v1/chat/completions",
            "{\"model\":\"plain\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    assertThat(plain.headers().firstValue("x-gantry-tokens-saved")).isEmpty();
  }
}
