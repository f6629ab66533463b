package dev.gantry.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FaultsTest {
  private static final String CHAT = SimClient.chat("gpt-4o-mini", "hello", "");
  private static final String STREAM = SimClient.chat("gpt-4o-mini", "hello", "\"stream\":true");

  private static Simulator sim;
  private static SimClient client;

  @BeforeAll
  static void start() {
    sim = Simulator.start(SimulatorOptions.defaults());
    client = new SimClient(sim);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void first_two_requests_get_500_then_success() {
    sim.scenario(Scenario.parse("faults: [{type: status, status: 500, first: 2}]"));

    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      statuses.add(client.post("/v1/chat/completions", CHAT).statusCode());
    }

    assertThat(statuses).containsExactly(500, 500, 200, 200);
  }

  @Test
  void status_429_carries_retry_after_in_seconds() {
    sim.scenario(Scenario.parse("faults: [{type: status, status: 429, retry_after: 2, rate: 1}]"));

    HttpResponse<String> response = client.post("/v1/chat/completions", CHAT);

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("retry-after")).hasValue("2");
    assertThat(SimClient.json(response).get("error").get("type").asText())
        .isEqualTo("rate_limit_error");
  }

  @Test
  void hang_never_answers_but_the_server_stays_healthy() {
    sim.scenario(Scenario.parse("faults: [{type: hang, first: 1}]"));
    HttpRequest request =
        client
            .request("/v1/chat/completions")
            .timeout(Duration.ofMillis(300))
            .POST(HttpRequest.BodyPublishers.ofString(CHAT))
            .build();

    assertThatThrownBy(() -> SimClient.send(request))
        .hasCauseInstanceOf(HttpTimeoutException.class);
    assertThat(client.post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
  }

  @Test
  void reset_closes_the_stream_after_n_chunks() {
    sim.scenario(Scenario.parse("faults: [{type: reset, after_chunks: 2, rate: 1}]"));
    HttpRequest request =
        client
            .request("/v1/chat/completions")
            .POST(HttpRequest.BodyPublishers.ofString(STREAM))
            .build();

    assertThatThrownBy(() -> SimClient.HTTP.send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
    assertThat(client.post("/v1/chat/completions", CHAT).statusCode())
        .as("reset applies to streams only")
        .isEqualTo(200);
  }

  @Test
  void reset_stream_delivers_the_chunks_before_the_cut() throws Exception {
    sim.scenario(Scenario.parse("faults: [{type: reset, after_chunks: 2, rate: 1}]"));
    HttpRequest request =
        client
            .request("/v1/chat/completions")
            .POST(HttpRequest.BodyPublishers.ofString(STREAM))
            .build();
    HttpResponse<java.util.stream.Stream<String>> response =
        SimClient.HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
    List<String> lines = new ArrayList<>();

    assertThatThrownBy(() -> response.body().forEach(lines::add))
        .hasRootCauseInstanceOf(IOException.class);
    assertThat(lines.stream().filter(l -> l.startsWith("data: ")).count()).isEqualTo(2);
    assertThat(lines).doesNotContain("data: [DONE]");
  }

  @Test
  void malformed_stream_sends_one_chunk_that_is_not_json() {
    sim.scenario(Scenario.parse("faults: [{type: malformed, rate: 1}]"));

    HttpResponse<String> response = client.post("/v1/chat/completions", STREAM);

    List<SimClient.Sse> events = SimClient.events(response.body());
    long broken =
        events.stream()
            .filter(e -> !e.data().equals("[DONE]"))
            .filter(
                e ->
                    dev.gantry.core.api.Json.tryParse(
                            e.data().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        == null)
            .count();
    assertThat(broken).isEqualTo(1);
    assertThat(events.get(events.size() - 1).data()).isEqualTo("[DONE]");
  }

  @Test
  void malformed_non_streaming_reply_is_not_json() {
    sim.scenario(Scenario.parse("faults: [{type: malformed, rate: 1}]"));

    HttpResponse<String> response = client.post("/v1/chat/completions", CHAT);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(
            dev.gantry.core.api.Json.tryParse(
                response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isNull();
  }

  @Test
  void rpm_limit_answers_429_with_retry_after_once_exhausted() {
    sim.scenario(Scenario.parse("rate_limit: {rpm: 2}"));

    int first = client.post("/v1/chat/completions", CHAT).statusCode();
    int second = client.post("/v1/chat/completions", CHAT).statusCode();
    HttpResponse<String> third = client.post("/v1/chat/completions", CHAT);

    assertThat(List.of(first, second)).containsOnly(200);
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(Integer.parseInt(third.headers().firstValue("retry-after").orElseThrow()))
        .isBetween(1, 30);
    assertThat(SimClient.json(third).get("error").get("code").asText())
        .isEqualTo("rate_limit_exceeded");
  }

  @Test
  void same_seed_gives_the_same_sequence_of_fault_statuses() {
    Scenario scenario = Scenario.parse("faults: [{type: status, status: 503, rate: 0.5}]");
    List<Integer> a = statuses(scenario, 7);
    List<Integer> b = statuses(scenario, 7);
    List<Integer> c = statuses(scenario, 8);

    assertThat(a).isEqualTo(b).contains(200, 503);
    assertThat(c).isNotEqualTo(a);
  }

  private static List<Integer> statuses(Scenario scenario, long seed) {
    try (Simulator s =
        Simulator.start(SimulatorOptions.defaults().withScenario(scenario).withSeed(seed))) {
      SimClient c = new SimClient(s);
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        out.add(c.post("/v1/chat/completions", CHAT).statusCode());
      }
      return out;
    }
  }

  @Test
  void faults_filtered_by_model_spare_other_models() {
    sim.scenario(
        Scenario.parse("faults: [{type: status, status: 503, rate: 1, models: [flaky-model]}]"));

    assertThat(
            client
                .post("/v1/chat/completions", SimClient.chat("flaky-model", "x", ""))
                .statusCode())
        .isEqualTo(503);
    assertThat(client.post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
  }

  @Test
  void close_ends_hanging_connections_promptly() throws Exception {
    Simulator own =
        Simulator.start(
            SimulatorOptions.defaults()
                .withScenario(Scenario.parse("faults: [{type: hang, rate: 1}]")));
    var pending =
        SimClient.HTTP.sendAsync(
            new SimClient(own)
                .request("/v1/chat/completions")
                .POST(HttpRequest.BodyPublishers.ofString(CHAT))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    while (own.received().isEmpty()) {
      Thread.onSpinWait();
    }
    long start = System.nanoTime();
    own.close();

    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    assertThat(pending).failsWithin(Duration.ofSeconds(5));
  }
}
