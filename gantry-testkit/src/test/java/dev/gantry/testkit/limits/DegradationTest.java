package dev.gantry.testkit.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Scenario;
import dev.gantry.sim.Simulator;
import dev.gantry.testkit.Eventually;
import dev.gantry.testkit.GantryTestKit;
import dev.gantry.testkit.HttpTestClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graceful degradation under overload, through real sockets: with a slowed simulator and more
 * requests than a route's capacity, the high-priority ones wait and are answered by the model while
 * the lowest-priority ones are shed — answered from the response cache or by the extractive
 * provider, marked {@code x-gantry-degraded: true} and counted, on a route that declares those
 * fallbacks, or refused with 503 on a route that does not. Ordering is driven by observable state
 * (what the simulator received, the queue's depth), never by sleeping.
 */
class DegradationTest {
  static final String ADMIN = "bootstrap-admin-key-for-degradation-tests-0123";
  static final Scenario SLOW = Scenario.parse("latency: {ttft: {dist: fixed, ms: 1200}}\n");

  @TempDir static Path dir;
  static Simulator sim;
  static Gateway gw;
  static HttpTestClient http;

  @BeforeAll
  static void start() throws Exception {
    Path docs = Files.createDirectories(dir.resolve("docs"));
    Files.writeString(
        docs.resolve("lighthouse.md"),
        "# The Old Lighthouse\n\nThe old lighthouse on Karrak Point was built in 1871 by the"
            + " harbour board.\n");
    Files.writeString(
        docs.resolve("bakery.md"),
        "# Marlow's Bakery\n\nMarlow's Bakery opens at six in the morning. The bakery closes on"
            + " Mondays.\n");
    sim = GantryTestKit.simulator();
    String yaml =
        """
        data_dir: %s
        auth: {required: true, cache_ttl: 0s, server_secret: degradation-secret-0123456789abcdef}
        admin: {on_public_listener: true}
        knowledge_bases:
          town: {sources: [%s]}
        providers:
          sim: {type: openai_compatible, base_url: "${SIM_URL}/v1"}
          kb: {type: extractive}
        routes:
          ask:
            deployments: [{provider: sim, model: a}]
            rag: {kb: town, top_k: 2, min_score: 0.1}
            cache: {exact: true, semantic: false, requests: all}
          plain:
            deployments: [{provider: sim, model: p}]
        limits:
          rate:
            - {scope: route, match: ask, concurrency: 1}
            - {scope: route, match: plain, concurrency: 1}
          queue: {max_depth: 1, max_wait: 30s}
          priorities: {system: 10}
          routes:
            ask: {degraded: [cache, extractive]}
        """
            .formatted(dir.resolve("data"), docs);
    gw =
        Gateway.start(
            GantryTestKit.config(yaml, sim),
            GantryTestKit.options().withEnv(Map.of("GANTRY_ADMIN_KEY", ADMIN)));
    http = new HttpTestClient(gw.baseUrl());
  }

  @AfterAll
  static void stop() {
    gw.close();
    sim.close();
  }

  static HttpResponse<String> chat(String route, String question, boolean low) {
    String body =
        "{\"model\":\""
            + route
            + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
            + question
            + "\"}]}";
    return low
        ? http.postJson(
            "/v1/chat/completions",
            body,
            "authorization",
            "Bearer " + ADMIN,
            "x-gantry-priority",
            "0")
        : http.postJson("/v1/chat/completions", body, "authorization", "Bearer " + ADMIN);
  }

  static CompletableFuture<HttpResponse<String>> later(String route, String q, boolean low) {
    return CompletableFuture.supplyAsync(() -> chat(route, q, low));
  }

  static String header(HttpResponse<String> r, String name) {
    return r.headers().firstValue(name).orElse("");
  }

  /** Starts a high-priority request and waits until it holds the route's one slot upstream. */
  static CompletableFuture<HttpResponse<String>> occupy(String route, String q) {
    int before = sim.received().size();
    CompletableFuture<HttpResponse<String>> f = later(route, q, false);
    Eventually.until("the request is upstream", () -> sim.received().size() > before);
    return f;
  }

  static void queued(int depth) {
    Eventually.until("queue depth " + depth, () -> gw.limits().queue().depth() == depth);
  }

  @Test
  void under_overload_low_priority_requests_are_answered_degraded_and_high_priority_ones_served()
      throws Exception {
    String cached = "When was the lighthouse built?";
    assertThat(chat("ask", cached, false).statusCode()).isEqualTo(200);
    Eventually.until(
        "the answer is cached",
        () -> header(chat("ask", cached, false), "x-gantry-cache").equals("hit"));
    sim.scenario(SLOW);
    try {
      CompletableFuture<HttpResponse<String>> a = occupy("ask", "When does the bakery open?");
      CompletableFuture<HttpResponse<String>> b = later("ask", cached, true);
      queued(1);
      // a high-priority request arrives at a full queue: the low-priority waiter is shed
      CompletableFuture<HttpResponse<String>> c = later("ask", "Who built the lighthouse?", false);
      HttpResponse<String> shedToCache = b.join();
      queued(1);
      // a low-priority newcomer at a full queue of higher ones is shed at once
      HttpResponse<String> shedToExtractive =
          chat("ask", "On which day is the bakery closed?", true);

      assertThat(shedToCache.statusCode()).isEqualTo(200);
      assertThat(header(shedToCache, "x-gantry-degraded")).isEqualTo("true");
      assertThat(header(shedToCache, "x-gantry-cache")).isEqualTo("hit");

      assertThat(shedToExtractive.statusCode()).isEqualTo(200);
      assertThat(header(shedToExtractive, "x-gantry-degraded")).isEqualTo("true");
      assertThat(header(shedToExtractive, "x-gantry-provider")).isEqualTo("kb");
      assertThat(shedToExtractive.body()).contains("Mondays");
      assertThat(header(shedToExtractive, "retry-after")).isEmpty();

      for (HttpResponse<String> served : new HttpResponse[] {a.join(), c.join()}) {
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(header(served, "x-gantry-degraded")).isEmpty();
        assertThat(header(served, "x-gantry-provider")).isEqualTo("sim");
      }
    } finally {
      sim.scenario(Scenario.instant());
    }
    String metrics = http.get("/admin/metrics", "authorization", "Bearer " + ADMIN).body();
    assertThat(metrics).contains("gantry_degraded_answers_total{route=\"ask\"} 2.0");
  }

  @Test
  void a_route_without_degraded_fallbacks_refuses_the_shed_request_with_503() throws Exception {
    sim.scenario(SLOW);
    try {
      CompletableFuture<HttpResponse<String>> first = occupy("plain", "one");
      CompletableFuture<HttpResponse<String>> low = later("plain", "two", true);
      queued(1);
      CompletableFuture<HttpResponse<String>> high = later("plain", "three", false);
      HttpResponse<String> shed = low.join();
      assertThat(shed.statusCode()).isEqualTo(503);
      JsonNode error = Json.MAPPER.readTree(shed.body()).get("error");
      assertThat(error.path("type").asText()).isEqualTo("capacity_exceeded");
      assertThat(error.path("code").asText()).isEqualTo("route_concurrency");
      assertThat(header(shed, "x-gantry-degraded")).isEmpty();
      assertThat(first.join().statusCode()).isEqualTo(200);
      assertThat(high.join().statusCode()).isEqualTo(200);
    } finally {
      sim.scenario(Scenario.instant());
    }
  }
}
