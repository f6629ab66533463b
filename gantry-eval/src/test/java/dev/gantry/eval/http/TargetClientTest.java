package dev.gantry.eval.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.time.Ticker;
import dev.gantry.sim.Scenario;
import dev.gantry.sim.Simulator;
import dev.gantry.testkit.GantryTestKit;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retries, timeouts and the response cache against the simulator over real HTTP. */
class TargetClientTest {
  private static final String BODY =
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  private static TargetClient client(
      Simulator sim, int retries, Duration timeout, List<Duration> waits) {
    return new TargetClient(
        URI.create(sim.baseUrl()),
        "k",
        timeout,
        retries,
        Duration.ofMillis(100),
        Ticker.SYSTEM,
        waits::add);
  }

  @Test
  void retries_5xx_with_exponential_backoff_then_succeeds() {
    try (Simulator sim =
        GantryTestKit.simulator("faults: [{type: status, status: 503, first: 2}]\n")) {
      List<Duration> waits = new ArrayList<>();
      HttpOutcome outcome =
          client(sim, 2, Duration.ofSeconds(5), waits).postJson("/v1/chat/completions", BODY);
      assertThat(outcome).isInstanceOf(HttpOutcome.Received.class);
      HttpOutcome.Received r = (HttpOutcome.Received) outcome;
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.attempts()).isEqualTo(3);
      assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }
  }

  @Test
  void gives_up_after_the_last_retry_and_returns_the_5xx() {
    try (Simulator sim =
        GantryTestKit.simulator("faults: [{type: status, status: 500, first: 5}]\n")) {
      HttpOutcome.Received r =
          (HttpOutcome.Received)
              client(sim, 1, Duration.ofSeconds(5), new ArrayList<>())
                  .postJson("/v1/chat/completions", BODY);
      assertThat(r.status()).isEqualTo(500);
      assertThat(r.attempts()).isEqualTo(2);
    }
  }

  @Test
  void honours_retry_after_on_429_and_never_retries_a_400() {
    try (Simulator sim =
        GantryTestKit.simulator(
            "faults: [{type: status, status: 429, retry_after: 1, first: 1}]\n")) {
      List<Duration> waits = new ArrayList<>();
      HttpOutcome.Received ok =
          (HttpOutcome.Received)
              client(sim, 2, Duration.ofSeconds(5), waits).postJson("/v1/chat/completions", BODY);
      assertThat(ok.status()).isEqualTo(200);
      assertThat(waits).containsExactly(Duration.ofSeconds(1));
      waits.clear();
      HttpOutcome.Received bad =
          (HttpOutcome.Received)
              client(sim, 2, Duration.ofSeconds(5), waits).postJson("/v1/chat/completions", "{}");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.attempts()).isEqualTo(1);
      assertThat(waits).isEmpty();
    }
  }

  @Test
  void a_hung_request_times_out_and_is_retried() {
    try (Simulator sim = GantryTestKit.simulator("faults: [{type: hang, first: 1}]\n")) {
      HttpOutcome outcome =
          client(sim, 1, Duration.ofMillis(300), new ArrayList<>())
              .postJson("/v1/chat/completions", BODY);
      assertThat(((HttpOutcome.Received) outcome).attempts()).isEqualTo(2);
      sim.scenario(Scenario.parse("faults: [{type: hang, rate: 1}]\n"));
      HttpOutcome failed =
          client(sim, 0, Duration.ofMillis(300), new ArrayList<>())
              .postJson("/v1/chat/completions", BODY);
      assertThat(failed).isEqualTo(new HttpOutcome.Failed("timed out", 1, false));
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode json(String text) {
    return dev.gantry.core.api.Json.tryParse(
        text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void the_cache_keeps_final_responses_only(@TempDir Path dir) {
    ResponseCache cache = new ResponseCache(dir);
    HttpOutcome.Received ok =
        new HttpOutcome.Received(
            200, Map.of("x-gantry-cost-usd", "0.1"), "{\"a\":1}", 42, 1, false);
    String key = ResponseCache.key("http://t", "/v1/chat/completions", json("{\"b\":1,\"a\":2}"));
    String sameMeaning =
        ResponseCache.key("http://t", "/v1/chat/completions", json("{\"a\":2,\"b\":1}"));
    String otherTarget =
        ResponseCache.key("http://u", "/v1/chat/completions", json("{\"a\":2,\"b\":1}"));
    assertThat(sameMeaning).isEqualTo(key);
    assertThat(otherTarget).isNotEqualTo(key);
    assertThat(cache.get(key)).isNull();
    assertThat(cache.put(key, ok)).isTrue();
    assertThat(cache.get(key))
        .isEqualTo(
            new HttpOutcome.Received(
                200, Map.of("x-gantry-cost-usd", "0.1"), "{\"a\":1}", 42, 0, true));
    assertThat(cache.put(otherTarget, new HttpOutcome.Received(503, Map.of(), "", 1, 3, false)))
        .isFalse();
    assertThat(cache.put(otherTarget, new HttpOutcome.Received(429, Map.of(), "", 1, 3, false)))
        .isFalse();
    assertThat(cache.get(otherTarget)).isNull();
  }
}
