package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JSON Schemas sent by clients are untrusted: a backtracking pattern is refused before any model is
 * called, and an expensive but runnable one is stopped at the check's budget, so other requests
 * keep being served while hostile ones run.
 */
class HostileSchemaTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static Simulator sim;
  static Gateway gateway;
  static HttpTestClient http;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    Path docs = Files.createDirectories(dir.resolve("docs"));
    Files.writeString(docs.resolve("tide.md"), "# Tides\n\nHigh tide is at six in the evening.\n");
    sim = GantryTestKit.simulator("rules:\n  - match: {contains: \"{\"}\n    echo: user\n");
    String yaml =
        GantryTestKit.simConfig("strict")
            + "    guardrails: {output: [{check: json, action: block, timeout: 1s}]}\n"
            + "knowledge_bases:\n  tides: {sources: ["
            + docs
            + "]}\n";
    gateway = GantryTestKit.gateway(yaml, sim);
    http = new HttpTestClient(gateway.baseUrl());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    sim.close();
  }

  /** A chat request whose answer (echoed by the simulator) is {@code answer}, checked by schema. */
  static String request(String answer, String pattern) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", "strict");
    body.putArray("messages").addObject().put("role", "user").put("content", answer);
    ObjectNode schema = JSON.createObjectNode();
    schema.put("type", "object");
    schema.putObject("properties").putObject("a").put("type", "string").put("pattern", pattern);
    ObjectNode format = body.putObject("response_format");
    format.put("type", "json_schema");
    format.putObject("json_schema").put("name", "x").set("schema", schema);
    return body.toString();
  }

  @Test
  void a_backtracking_pattern_is_refused_before_the_model_is_called() throws Exception {
    int before = sim.received().size();
    HttpResponse<String> r =
        http.postJson(
            "/v1/chat/completions",
            request("{\"a\":\"" + "a".repeat(40) + "\"}", "^((.+)\\2?)+#$"));
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(r.body()).path("error");
    assertThat(error.path("param").asText()).isEqualTo("response_format");
    assertThat(error.path("message").asText())
        .contains("backreferences")
        .doesNotContain("PatternSyntaxException")
        .doesNotContain("error parsing regexp");
    assertThat(sim.received()).hasSize(before);
  }

  @Test
  void other_requests_keep_their_latency_while_expensive_patterns_run() throws Exception {
    String probe = request("{\"a\":\"abc\"}", "^[a-c]+$");
    assertThat(http.postJson("/v1/chat/completions", probe).statusCode()).isEqualTo(200);
    // Holds a backtracking engine's worker for ever; refused up front now.
    String backtracking = request("{\"a\":\"" + "a".repeat(40) + "\"}", "^((.+)\\2?)+#$");
    // Runnable by RE2/J, but about 9,000 steps per character over a megabyte: far beyond the
    // check's one-second budget unless the work is stopped.
    String expensive =
        request("{\"a\":\"" + "a".repeat(1_000_000) + "\"}", "(?:[a-z]{1,90}){1,100}z");
    ExecutorService attackers = Executors.newFixedThreadPool(4);
    List<Future<Integer>> attacks = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        String hostile = i % 2 == 0 ? backtracking : expensive;
        attacks.add(
            attackers.submit(() -> http.postJson("/v1/chat/completions", hostile).statusCode()));
      }
      long worst = 0;
      for (int i = 0; i < 10; i++) {
        // Both probes need a worker: the chat for its json check, the retrieval for its search.
        long start = System.nanoTime();
        HttpResponse<String> r = http.postJson("/v1/chat/completions", probe);
        HttpResponse<String> found =
            http.postJson("/v1/retrieve", "{\"kb\":\"tides\",\"query\":\"high tide\"}");
        worst = Math.max(worst, (System.nanoTime() - start) / 1_000_000);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
      }
      System.out.printf("worst probe latency while hostile schemas ran: %d ms%n", worst);
      // A loose bound: the check's budget is 1 s; stuck workers would hold probes for minutes.
      assertThat(worst).isLessThan(10_000);
      for (Future<Integer> a : attacks) {
        assertThat(a.get(60, TimeUnit.SECONDS)).isLessThan(500);
      }
    } finally {
      attackers.shutdownNow();
    }
  }
}
