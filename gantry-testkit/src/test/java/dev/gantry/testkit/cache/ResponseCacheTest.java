package dev.gantry.testkit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.core.config.GantryConfig;
import dev.gantry.core.config.RouteCache;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import dev.gantry.testkit.GantryTestKit;
import dev.gantry.testkit.HttpTestClient;
import dev.gantry.testkit.ManualClock;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The response cache through a real gateway in front of a simulator that echoes the question, so
 * that an answer served for another question is visible in its text.
 */
class ResponseCacheTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ADMIN = "bootstrap-admin-key-for-cache-tests-0123456789";
  @TempDir static Path dir;
  static Simulator sim;
  static Gateway gateway;
  static HttpTestClient http;
  static ManualClock clock = new ManualClock(Instant.parse("2026-03-02T10:00:00Z"));
  static String acme;
  static String globex;

  @BeforeAll
  static void start() throws Exception {
    sim = GantryTestKit.simulator("rules:\n  - {match: {regex: \".\"}, echo: user}\n");
    String yaml =
        "data_dir: "
            + dir
            + "\n"
            + "auth: {required: true, cache_ttl: 0s, server_secret:"
            + " server-secret-for-cache-tests-0123456789}\n"
            + "audit: {enabled: true}\n"
            + "admin: {on_public_listener: true}\n"
            + "providers:\n  sim: {type: openai_compatible, base_url: \"${SIM_URL}/v1\"}\n"
            + "routes:\n"
            + "  faq:\n"
            + "    deployments: [{provider: sim, model: m}]\n"
            + "    cache: {ttl: 10m}\n"
            + "  open:\n"
            + "    deployments: [{provider: sim, model: m}]\n"
            + "    cache: {shared: true, requests: all}\n"
            + "  exact:\n"
            + "    deployments: [{provider: sim, model: m}]\n"
            + "    cache: {semantic: false}\n"
            + "  private:\n"
            + "    deployments: [{provider: sim, model: m}]\n"
            + "    guardrails: {input: [{check: pii, action: redact, restore: true}]}\n"
            + "    cache: true\n"
            + "cost:\n"
            + "  prices: [{provider: sim, model: m, input: 1.00, output: 4.00}]\n";
    GantryConfig config = GantryTestKit.config(yaml, sim);
    gateway =
        Gateway.start(
            config,
            GantryTestKit.options()
                .withClock(clock)
                .withEnv(Map.of("GANTRY_ADMIN_KEY", ADMIN, "SIM_URL", sim.baseUrl())));
    http = new HttpTestClient(gateway.baseUrl());
    acme = key("acme");
    globex = key("globex");
  }

  @AfterAll
  static void stop() {
    gateway.close();
    sim.close();
  }

  static String key(String tenant) throws Exception {
    HttpResponse<String> r =
        http.postJson(
            "/admin/keys",
            "{\"tenant\":\"" + tenant + "\",\"role\":\"app\"}",
            "authorization",
            "Bearer " + ADMIN);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).path("key").asText();
  }

  static String body(String route, String question, String extra) {
    return "{\"model\":\""
        + route
        + "\",\"temperature\":0"
        + extra
        + ",\"messages\":[{\"role\":\"system\",\"content\":\"Answer briefly.\"},"
        + "{\"role\":\"user\",\"content\":"
        + JSON.getNodeFactory().textNode(question)
        + "}]}";
  }

  static HttpResponse<String> ask(String key, String route, String question, String... headers) {
    List<String> h = new ArrayList<>(List.of("authorization", "Bearer " + key));
    h.addAll(List.of(headers));
    return http.postJson(
        "/v1/chat/completions", body(route, question, ""), h.toArray(String[]::new));
  }

  static String answer(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body()).at("/choices/0/message/content").asText();
  }

  static String cache(HttpResponse<String> r) {
    return r.headers().firstValue("x-gantry-cache").orElse("none");
  }

  @Test
  void serves_a_repeated_request_from_the_cache_without_calling_the_upstream() throws Exception {
    HttpResponse<String> first = ask(acme, "faq", "What are your opening hours on weekdays?");
    int calls = sim.received().size();
    HttpResponse<String> second = ask(acme, "faq", "What are your opening hours on weekdays?");
    assertThat(cache(first)).isEqualTo("miss");
    assertThat(cache(second)).isEqualTo("hit");
    assertThat(sim.received()).hasSize(calls);
    assertThat(answer(second)).isEqualTo(answer(first));
    assertThat(JSON.readTree(second.body()).path("id").asText())
        .as("a fresh completion id")
        .isNotEqualTo(JSON.readTree(first.body()).path("id").asText());
    assertThat(second.headers().firstValue("x-gantry-cost-usd")).isEmpty();
  }

  @Test
  void serves_a_reworded_question_as_a_semantic_hit_with_its_similarity() throws Exception {
    ask(acme, "faq", "How do I reset my account password?");
    int calls = sim.received().size();
    HttpResponse<String> r = ask(acme, "faq", "How can I reset the password of my account?");
    assertThat(cache(r)).isEqualTo("semantic-hit");
    assertThat(sim.received()).hasSize(calls);
    assertThat(answer(r)).isEqualTo("How do I reset my account password?");
    double similarity =
        Double.parseDouble(r.headers().firstValue("x-gantry-cache-similarity").orElseThrow());
    assertThat(similarity).isBetween(RouteCache.DEFAULT_THRESHOLD, 1.0);
  }

  @Test
  void refuses_semantic_matches_that_differ_in_negation_numbers_or_polarity() throws Exception {
    ask(acme, "faq", "How do I turn on dark mode in the mobile app?");
    ask(acme, "faq", "Can I get a refund within 30 days of purchase?");
    ask(acme, "faq", "Which plans include single sign-on?");
    for (String other :
        List.of(
            "How do I turn off dark mode in the mobile app?",
            "Can I get a refund within 60 days of purchase?",
            "Which plans do not include single sign-on?")) {
      HttpResponse<String> r = ask(acme, "faq", other);
      assertThat(cache(r)).as(other).isEqualTo("miss");
      assertThat(answer(r)).as("answered for itself").isEqualTo(other);
    }
    assertThat(metrics())
        .containsPattern("gantry_cache_guard_rejections_total\\{kind=\"[a-z_]+\",route=\"faq\"\\}");
  }

  @Test
  void never_serves_one_tenants_entry_to_another_unless_the_route_is_shared() throws Exception {
    String q = "What is the warranty period for the model X200 blender?";
    ask(acme, "faq", q);
    HttpResponse<String> other = ask(globex, "faq", q);
    assertThat(cache(other)).isEqualTo("miss");
    HttpResponse<String> same = ask(acme, "faq", q);
    assertThat(cache(same)).isEqualTo("hit");

    ask(acme, "open", "Where is the head office located?");
    HttpResponse<String> shared = ask(globex, "open", "Where is the head office located?");
    assertThat(cache(shared)).isEqualTo("hit");
  }

  @Test
  void skips_the_cache_when_the_client_asks_or_the_request_is_not_deterministic() throws Exception {
    String q = "Do you ship to Norway?";
    ask(acme, "faq", q);
    assertThat(cache(ask(acme, "faq", q, "cache-control", "no-cache"))).isEqualTo("bypass");
    assertThat(cache(ask(acme, "faq", q, "x-gantry-cache", "bypass"))).isEqualTo("bypass");
    int calls = sim.received().size();
    HttpResponse<String> warm =
        http.postJson(
            "/v1/chat/completions",
            body("faq", q, ",\"temperature\":0.7").replace("\"temperature\":0,", ""),
            "authorization",
            "Bearer " + acme);
    assertThat(cache(warm)).isEqualTo("bypass");
    assertThat(sim.received()).hasSize(calls + 1);
    assertThat(cache(ask(acme, "faq", q))).isEqualTo("hit");
  }

  @Test
  void exact_only_routes_do_not_match_rewordings() {
    ask(acme, "exact", "How long does delivery take?");
    assertThat(cache(ask(acme, "exact", "How long does the delivery take?"))).isEqualTo("miss");
    assertThat(cache(ask(acme, "exact", "How long does delivery take?"))).isEqualTo("hit");
  }

  @Test
  void entries_expire_after_the_routes_ttl() {
    String q = "Is the store open on public holidays?";
    ask(acme, "faq", q);
    assertThat(cache(ask(acme, "faq", q))).isEqualTo("hit");
    clock.advance(Duration.ofMinutes(11));
    assertThat(cache(ask(acme, "faq", q))).isEqualTo("miss");
  }

  @Test
  void does_not_cache_requests_whose_personal_data_was_redacted() {
    String q = "My email is jane.doe@example.com, what is my order status?";
    HttpResponse<String> first = ask(acme, "private", q);
    HttpResponse<String> second = ask(acme, "private", q);
    assertThat(cache(first)).isEqualTo("bypass");
    assertThat(cache(second)).isEqualTo("bypass");
    assertThat(cache(ask(acme, "private", "What is the status of the order?"))).isEqualTo("miss");
  }

  @Test
  void replays_a_streamed_hit_as_sse_chunks_with_usage_and_done() throws Exception {
    String q = "What payment methods do you accept for orders?";
    String stream = ",\"stream\":true,\"stream_options\":{\"include_usage\":true}";
    HttpResponse<String> first =
        http.postJson(
            "/v1/chat/completions", body("faq", q, stream), "authorization", "Bearer " + acme);
    assertThat(cache(first)).isEqualTo("miss");
    int calls = sim.received().size();
    HttpResponse<String> replay =
        http.postJson(
            "/v1/chat/completions", body("faq", q, stream), "authorization", "Bearer " + acme);
    assertThat(cache(replay)).isEqualTo("hit");
    assertThat(sim.received()).hasSize(calls);
    assertThat(replay.headers().firstValue("content-type").orElse(""))
        .startsWith("text/event-stream");
    assertThat(streamedText(replay)).isEqualTo(streamedText(first)).isEqualTo(q);
    assertThat(replay.body().strip()).endsWith("data: [DONE]");
    assertThat(usage(replay)).isEqualTo(usage(first));
    assertThat(usage(replay).path("completion_tokens").asInt()).isPositive();
    HttpResponse<String> plain = ask(acme, "faq", q);
    assertThat(cache(plain)).as("a streamed answer serves plain requests too").isEqualTo("hit");
    assertThat(answer(plain)).isEqualTo(q);
  }

  static String streamedText(HttpResponse<String> r) throws Exception {
    StringBuilder b = new StringBuilder();
    for (String line : r.body().split("\n")) {
      if (line.startsWith("data: {")) {
        for (JsonNode c : JSON.readTree(line.substring(6)).path("choices")) {
          b.append(c.path("delta").path("content").asText(""));
        }
      }
    }
    return b.toString();
  }

  static JsonNode usage(HttpResponse<String> r) throws Exception {
    for (String line : r.body().split("\n")) {
      if (line.startsWith("data: {") && line.contains("\"usage\":{")) {
        return JSON.readTree(line.substring(6)).path("usage");
      }
    }
    return JSON.nullNode();
  }

  @Test
  void purges_by_route_and_tenant_and_audits_the_purge() throws Exception {
    String q = "Can I change my delivery address after ordering?";
    ask(acme, "faq", q);
    ask(globex, "faq", q);
    HttpResponse<String> purge =
        http.postJson(
            "/admin/cache/purge",
            "{\"route\":\"faq\",\"tenant\":\"acme\"}",
            "authorization",
            "Bearer " + ADMIN);
    assertThat(purge.statusCode()).as(purge.body()).isEqualTo(200);
    assertThat(JSON.readTree(purge.body()).path("deleted").asLong()).isPositive();
    assertThat(cache(ask(acme, "faq", q))).isEqualTo("miss");
    assertThat(cache(ask(globex, "faq", q))).as("the other tenant's entry stays").isEqualTo("hit");

    HttpResponse<String> denied =
        http.postJson(
            "/admin/cache/purge", "{\"tenant\":\"globex\"}", "authorization", "Bearer " + acme);
    assertThat(denied.statusCode()).isEqualTo(403);
    HttpResponse<String> bad =
        http.postJson("/admin/cache/purge", "{\"routes\":1}", "authorization", "Bearer " + ADMIN);
    assertThat(bad.statusCode()).isEqualTo(400);

    HttpResponse<String> audit =
        http.get("/admin/audit?limit=50", "authorization", "Bearer " + ADMIN);
    assertThat(audit.body()).contains("cache.purge");
  }

  @Test
  void counts_lookups_hits_and_the_cost_the_hits_saved() throws Exception {
    String q = "Do gift cards expire?";
    ask(acme, "faq", q);
    ask(acme, "faq", q);
    String m = metrics();
    assertThat(m).contains("gantry_cache_lookups_total{outcome=\"hit\",route=\"faq\"}");
    assertThat(m).contains("gantry_cache_lookups_total{outcome=\"miss\",route=\"faq\"}");
    assertThat(m).contains("gantry_cache_entries{route=\"faq\"}");
    assertThat(m).contains("gantry_cache_bytes{route=\"faq\"}");
    long saved = 0;
    for (String line : m.split("\n")) {
      if (line.startsWith("gantry_cache_saved_micro_usd_total{route=\"faq\"}")) {
        saved = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    assertThat(saved).as("USD 1/M input, 4/M output: a few hundred micro-dollars").isPositive();
  }

  static String metrics() {
    return http.get("/admin/metrics", "authorization", "Bearer " + ADMIN).body();
  }
}
