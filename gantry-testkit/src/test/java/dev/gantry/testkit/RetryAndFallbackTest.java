package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.events.UpstreamAttemptFailed;
import dev.gantry.core.time.ManualTime;
import dev.gantry.gateway.Gateway;
import dev.gantry.gateway.GatewayOptions;
import dev.gantry.sim.Scenario;
import dev.gantry.sim.Simulator;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries, backoff and fallback under faults injected by the simulator. */
class RetryAndFallbackTest {
  static final String CONFIG =
      "server: {port: 0}\n"
          + "providers:\n"
          + "  sim: {type: openai_compatible, base_url: '${SIM_URL}/v1'}\n"
          + "  claude: {type: anthropic, base_url: '${SIM_URL}', api_key: ak-test}\n"
          + "routes:\n"
          + "  solo:\n"
          + "    deployments: [{provider: sim, model: solo}]\n"
          + "    retry: {max_attempts: 3, base_delay: 1ms, max_delay: 3s}\n"
          + "  pair:\n"
          + "    deployments: [{provider: sim, model: flaky, weight: 1}, {provider: sim, model: steady, weight: 0}]\n"
          + "    retry: {max_attempts: 2, base_delay: 1ms, max_delay: 10ms}\n"
          + "  claude:\n"
          + "    deployments: [{provider: claude, model: claude-3-5-haiku}]\n"
          + "    retry: {max_attempts: 3, base_delay: 1ms, max_delay: 10ms}\n";

  static Simulator sim;
  static Gateway gateway;
  static HttpTestClient http;

  @BeforeAll
  static void start() {
    sim = GantryTestKit.simulator();
    gateway = GantryTestKit.gateway(CONFIG, sim);
    http = new HttpTestClient(gateway.baseUrl());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    sim.close();
  }

  @BeforeEach
  void reset() {
    sim.scenario(Scenario.instant());
    sim.clearReceived();
  }

  static String chat(String model, boolean stream) {
    return "{\"model\":\""
        + model
        + "\",\"stream\":"
        + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";
  }

  @Test
  void retries_on_503_then_succeeds() {
    sim.scenario(Scenario.parse("faults:\n  - {type: status, status: 503, first: 2}\n"));
    HttpResponse<String> r = http.postJson("/v1/chat/completions", chat("solo", false));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-gantry-attempts")).hasValue("3");
    assertThat(sim.received()).hasSize(3);
  }

  @Test
  void retries_an_anthropic_overload_then_succeeds() {
    sim.scenario(Scenario.parse("faults:\n  - {type: status, status: 529, first: 1}\n"));
    HttpResponse<String> r = http.postJson("/v1/chat/completions", chat("claude", false));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-gantry-attempts")).hasValue("2");
    assertThat(r.headers().firstValue("x-gantry-provider")).hasValue("claude");
  }

  @Test
  void gives_up_after_max_attempts_with_an_upstream_error() {
    sim.scenario(Scenario.parse("faults:\n  - {type: status, status: 500, rate: 1}\n"));
    HttpResponse<String> r = http.postJson("/v1/chat/completions", chat("solo", false));
    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(r.body()).contains("\"type\":\"upstream_error\"");
    assertThat(sim.received()).hasSize(3);
  }

  @Test
  void falls_back_to_the_next_deployment() {
    sim.scenario(
        Scenario.parse("faults:\n  - {type: status, status: 500, rate: 1, models: [flaky]}\n"));
    HttpResponse<String> r = http.postJson("/v1/chat/completions", chat("pair", false));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-gantry-model")).hasValue("steady");
    assertThat(r.headers().firstValue("x-gantry-attempts")).hasValue("3");
    assertThat(sim.received())
        .extracting(rec -> rec.body().path("model").asText())
        .containsExactly("flaky", "flaky", "steady");
  }

  @Test
  void honours_retry_after_on_429() throws Exception {
    ManualTime time = new ManualTime();
    GatewayOptions options = GantryTestKit.options().withTime(time);
    List<UpstreamAttemptFailed> failures = new CopyOnWriteArrayList<>();
    options.events().subscribe(UpstreamAttemptFailed.class, failures::add);
    sim.scenario(
        Scenario.parse("faults:\n  - {type: status, status: 429, retry_after: 1, first: 1}\n"));
    try (Gateway onManualTime = Gateway.start(GantryTestKit.config(CONFIG, sim), options)) {
      CompletableFuture<HttpResponse<String>> answer =
          new HttpTestClient(onManualTime.baseUrl())
              .postJsonAsync("/v1/chat/completions", chat("solo", false));

      Eventually.until("the retry to be scheduled", () -> time.pending() == 1);
      assertThat(failures).singleElement().matches(UpstreamAttemptFailed::willRetry);
      // The upstream's Retry-After (1 s) wins over the route's 1 ms backoff.
      assertThat(time.pendingDelays()).containsExactly(Duration.ofSeconds(1));
      time.advance(Duration.ofMillis(999));
      assertThat(sim.received()).hasSize(1);
      assertThat(answer).isNotDone();

      time.advance(Duration.ofMillis(1));
      HttpResponse<String> r = answer.get(Eventually.CEILING.toSeconds(), TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("x-gantry-attempts")).hasValue("2");
      assertThat(sim.received()).hasSize(2);
    }
  }

  @Test
  void does_not_retry_a_client_error_from_the_upstream() {
    sim.scenario(Scenario.parse("faults:\n  - {type: status, status: 400, first: 1}\n"));
    HttpResponse<String> r = http.postJson("/v1/chat/completions", chat("solo", false));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("\"type\":\"upstream_error\"");
    assertThat(sim.received()).hasSize(1);
  }

  @Test
  void retries_a_stream_that_fails_before_its_first_byte() {
    sim.scenario(Scenario.parse("faults:\n  - {type: status, status: 503, first: 1}\n"));
    HttpResponse<String> r = http.postJson("/v1/chat/completions", chat("solo", true));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).endsWith("data: [DONE]\n\n");
    assertThat(sim.received()).hasSize(2);
  }

  @Test
  void never_retries_after_the_first_streamed_byte() {
    sim.scenario(
        Scenario.parse(
            "default_reply: one two three four five six seven eight nine ten\n"
                + "faults:\n  - {type: reset, after_chunks: 3, first: 1}\n"));
    HttpResponse<String> r = http.postJson("/v1/chat/completions", chat("solo", true));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("chat.completion.chunk");
    assertThat(r.body()).doesNotContain("[DONE]");
    String last = lastEvent(r.body());
    assertThat(last).contains("\"error\"").contains("upstream_connection_error");
    assertThat(sim.received()).hasSize(1);
  }

  @Test
  void a_malformed_chunk_mid_stream_ends_the_stream_with_an_error_event() {
    sim.scenario(
        Scenario.parse(
            "default_reply: one two three four five six\n"
                + "faults:\n  - {type: malformed, first: 1}\n"));
    HttpResponse<String> r = http.postJson("/v1/chat/completions", chat("solo", true));
    assertThat(lastEvent(r.body())).contains("\"error\"");
  }

  @Test
  void an_anthropic_stream_broken_mid_way_ends_with_an_error_event() {
    sim.scenario(
        Scenario.parse(
            "default_reply: one two three four five six seven eight nine ten\n"
                + "faults:\n  - {type: reset, after_chunks: 4, first: 1}\n"));
    HttpResponse<String> r = http.postJson("/v1/chat/completions", chat("claude", true));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("chat.completion.chunk").doesNotContain("[DONE]");
    assertThat(lastEvent(r.body())).contains("\"error\"");
    assertThat(sim.received()).hasSize(1);
  }

  @Test
  void an_anthropic_stream_reassembles_through_the_gateway() {
    HttpResponse<String> r = http.postJson("/v1/chat/completions", chat("claude", true));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).endsWith("data: [DONE]\n\n");
    assertThat(r.headers().firstValue("content-type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
  }

  @Test
  void embeddings_on_an_anthropic_route_are_a_clear_400() {
    HttpResponse<String> r =
        http.postJson("/v1/embeddings", "{\"model\":\"claude\",\"input\":\"hi\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("embeddings_not_supported");
    assertThat(sim.received()).isEmpty();
  }

  @Test
  void n_above_one_on_an_anthropic_route_is_a_clear_400() {
    HttpResponse<String> r =
        http.postJson(
            "/v1/chat/completions",
            "{\"model\":\"claude\",\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("\"param\":\"n\"");
    assertThat(sim.received()).isEmpty();
  }

  static String lastEvent(String sse) {
    String[] events = sse.strip().split("\n\n");
    return events[events.length - 1];
  }
}
