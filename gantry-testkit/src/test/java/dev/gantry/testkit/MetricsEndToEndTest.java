package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} of a real gateway, moved by real requests. */
class MetricsEndToEndTest {
  static Simulator sim;
  static Gateway gateway;
  static HttpTestClient http;
  static HttpTestClient admin;

  static final String CONFIG =
      "server:\n  port: 0\n"
          + "providers:\n  sim:\n    type: openai_compatible\n    base_url: ${SIM_URL}/v1\n"
          + "routes:\n"
          + "  ask:\n"
          + "    deployments: [{provider: sim, model: m}]\n"
          + "  slow_guard:\n"
          + "    deployments: [{provider: sim, model: m}]\n"
          + "    guardrails:\n"
          + "      input:\n"
          // Embedding a sentence takes milliseconds (and the first one loads the model): this
          // check always overruns its budget and, failing open, lets the request through.
          + "        - check: topic\n"
          + "          timeout: 1ms\n"
          + "          allowed:\n"
          + "            - name: billing\n"
          + "              examples: [\"Why was I charged twice on my invoice?\"]\n"
          + "audit: {enabled: true}\n"
          + "admin: {host: 127.0.0.1, port: 0}\n";

  static final String CHAT =
      "{\"model\":\"%s\",\"stream\":%s,\"messages\":[{\"role\":\"user\",\"content\":\"hello"
          + " there\"}]}";

  static final java.util.concurrent.atomic.AtomicInteger NONCE =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * A chat whose text was never embedded before (embeddings of recent texts are cached), long
   * enough (about 250 tokens) that embedding it takes several milliseconds on any CPU.
   */
  static String uncached(String model) {
    return CHAT.formatted(model, false)
        .replace(
            "hello there",
            "hello there "
                + NONCE.incrementAndGet()
                + " "
                + "please tell me more about it ".repeat(40));
  }

  @BeforeAll
  static void start() {
    sim = GantryTestKit.simulator();
    gateway = GantryTestKit.gateway(CONFIG, sim);
    http = new HttpTestClient(gateway.baseUrl());
    admin = new HttpTestClient(gateway.adminBaseUrl());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    sim.close();
  }

  static String scrape() {
    HttpResponse<String> r = admin.get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
    return r.body();
  }

  /** The sum of every sample of {@code family} whose labels contain all of {@code labels}. */
  static double sum(String text, String family, String... labels) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(family) + "(?:\\{([^}]*)\\})? (\\S+)$")
            .matcher(text);
    double total = 0;
    while (m.find()) {
      boolean all = true;
      String set = m.group(1) == null ? "" : m.group(1);
      for (String l : labels) {
        all &= set.contains(l);
      }
      if (all) {
        total += Double.parseDouble(m.group(2));
      }
    }
    return total;
  }

  @Test
  void requests_move_the_genai_histograms_and_request_counters() {
    String before = scrape();
    double served = sum(before, "gantry_requests_total", "route=\"ask\"", "status=\"200\"");
    double durations =
        sum(before, "gen_ai_server_request_duration_seconds_count", "gen_ai_request_model=\"ask\"");
    assertThat(http.postJson("/v1/chat/completions", CHAT.formatted("ask", false)).statusCode())
        .isEqualTo(200);
    assertThat(http.postJson("/v1/chat/completions", CHAT.formatted("ask", true)).statusCode())
        .isEqualTo(200);
    String after = scrape();
    assertThat(sum(after, "gantry_requests_total", "route=\"ask\"", "status=\"200\""))
        .isEqualTo(served + 2);
    assertThat(
            sum(
                after,
                "gen_ai_server_request_duration_seconds_count",
                "gen_ai_request_model=\"ask\"",
                "gen_ai_operation_name=\"chat\""))
        .isEqualTo(durations + 2);
    // One upstream call per request, named by the convention's provider name.
    assertThat(
            sum(
                after,
                "gen_ai_client_operation_duration_seconds_count",
                "gen_ai_provider_name=\"sim\"",
                "gen_ai_request_model=\"m\""))
        .isGreaterThanOrEqualTo(2);
    assertThat(
            sum(after, "gen_ai_client_token_usage_count", "gen_ai_token_type=\"input\"")
                + sum(after, "gen_ai_client_token_usage_count", "gen_ai_token_type=\"output\""))
        .isGreaterThanOrEqualTo(4);
    // The stream's first chunk was timed.
    assertThat(sum(after, "gen_ai_server_time_to_first_token_seconds_count")).isGreaterThan(0);
    assertThat(after)
        .contains("gantry_overhead_seconds_bucket{route=\"ask\"")
        .contains("gantry_requests_inflight")
        .contains("jvm_memory_used_bytes")
        // Vert.x's own server meters and the store's connection pools come with the registry.
        .contains("vertx_http_server_requests_total")
        .contains("hikaricp_connections")
        .doesNotContain("gen_ai_system");
  }

  @Test
  void the_store_writer_counts_the_audit_records_it_commits_and_its_transactions() {
    String before = scrape();
    double writes = sum(before, "gantry_store_writes_total");
    assertThat(http.postJson("/v1/chat/completions", CHAT.formatted("ask", false)).statusCode())
        .isEqualTo(200);
    // The answer is sent once its audit record is committed, so the scrape after it counts it.
    String after = scrape();
    assertThat(sum(after, "gantry_store_writes_total")).isGreaterThanOrEqualTo(writes + 1);
    assertThat(sum(after, "gantry_store_commits_total"))
        .isGreaterThan(0)
        .isLessThanOrEqualTo(sum(after, "gantry_store_writes_total"));
    assertThat(after)
        .contains("gantry_store_write_queue")
        .contains("gantry_store_write_failures_total")
        .contains("gantry_store_write_rejections_total");
    assertThat(sum(after, "gantry_store_write_failures_total")).isZero();
    assertThat(sum(after, "gantry_store_write_rejections_total")).isZero();
  }

  @Test
  void a_guardrail_check_that_times_out_moves_the_failure_counter() {
    double failures =
        sum(scrape(), "gantry_guardrail_failures_total", "check=\"topic\"", "route=\"slow_guard\"");
    HttpResponse<String> r = http.postJson("/v1/chat/completions", uncached("slow_guard"));
    // on_error: open lets the request through.
    assertThat(r.statusCode()).isEqualTo(200);
    String after = scrape();
    assertThat(
            sum(
                after,
                "gantry_guardrail_failures_total",
                "check=\"topic\"",
                "route=\"slow_guard\""))
        .isEqualTo(failures + 1);
    assertThat(
            sum(
                after,
                "gantry_guardrail_evaluations_total",
                "check=\"topic\"",
                "outcome=\"flagged\"",
                "phase=\"input\""))
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void every_metric_the_shipped_alert_rules_and_grafana_dashboard_use_is_exported()
      throws java.io.IOException {
    http.postJson("/v1/chat/completions", CHAT.formatted("ask", false));
    http.postJson("/v1/chat/completions", CHAT.formatted("ask", true));
    http.postJson("/v1/chat/completions", uncached("slow_guard"));
    java.util.Set<String> exported = new java.util.TreeSet<>();
    scrape()
        .lines()
        .filter(l -> !l.startsWith("#") && !l.isBlank())
        .forEach(l -> exported.add(l.split("[{ ]", 2)[0]));
    for (String file :
        new String[] {"prometheus/gantry-alerts.yaml", "grafana/gantry-dashboard.json"}) {
      String text = java.nio.file.Files.readString(java.nio.file.Path.of("..", "deploy", file));
      java.util.Set<String> used = new java.util.TreeSet<>();
      Matcher m = Pattern.compile("\\b(?:gantry|gen_ai)_[a-z0-9_]+").matcher(text);
      while (m.find()) {
        used.add(m.group());
      }
      // Label names share the prefix; keep the metric names (followed by a selector, a range or
      // the end of an expression).
      used.removeIf(
          n ->
              n.startsWith("gen_ai_request_model")
                  || n.startsWith("gen_ai_provider_name")
                  || n.startsWith("gen_ai_token_type"));
      assertThat(used).as(file).isNotEmpty();
      assertThat(exported).as(file).containsAll(used);
    }
  }

  @Test
  void metrics_are_not_served_on_the_public_listener_by_default() {
    assertThat(http.get("/metrics").statusCode()).isEqualTo(404);
  }
}
