package dev.gantry.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencyTest {

  @Test
  void fixed_ttft_delays_the_reply_by_at_least_that_long() {
    Scenario scenario = Scenario.parse("latency: {ttft: {dist: fixed, ms: 150}}");
    try (Simulator sim = Simulator.start(SimulatorOptions.defaults().withScenario(scenario))) {
      SimClient client = new SimClient(sim);
      client.get("/health");
      long start = System.nanoTime();
      HttpResponse<String> response =
          client.post("/v1/chat/completions", SimClient.chat("m", "x", ""));
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(elapsedMs).isBetween(150L, 20_000L);
    }
  }

  @Test
  void inter_token_delay_paces_stream_chunks() {
    Scenario scenario =
        Scenario.parse(
            """
            latency: {inter_token: {dist: fixed, ms: 20}}
            default_reply: "a b c d e f"
            """);
    try (Simulator sim = Simulator.start(SimulatorOptions.defaults().withScenario(scenario))) {
      SimClient client = new SimClient(sim);
      long start = System.nanoTime();
      HttpResponse<String> response =
          client.post("/v1/chat/completions", SimClient.chat("m", "x", "\"stream\":true"));
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;

      assertThat(response.body()).endsWith("data: [DONE]\n\n");
      assertThat(elapsedMs).as("5 gaps of 20 ms").isBetween(100L, 20_000L);
    }
  }

  @Test
  void uniform_samples_stay_within_bounds_and_repeat_with_the_seed() {
    Delay delay = new Delay.Uniform(5, 15);
    long[] a = new long[200];
    SplittableRandom r1 = new SplittableRandom(1);
    SplittableRandom r2 = new SplittableRandom(1);
    for (int i = 0; i < a.length; i++) {
      a[i] = delay.sampleMs(r1);
      assertThat(delay.sampleMs(r2)).isEqualTo(a[i]);
    }

    assertThat(LongStream.of(a).min().orElseThrow()).isGreaterThanOrEqualTo(5);
    assertThat(LongStream.of(a).max().orElseThrow()).isLessThanOrEqualTo(15);
    assertThat(LongStream.of(a).distinct().count()).isGreaterThan(5);
  }

  @Test
  void normal_and_lognormal_never_go_negative_and_center_where_configured() {
    SplittableRandom random = new SplittableRandom(3);
    Delay normal = new Delay.Normal(10, 20);
    Delay lognormal = new Delay.LogNormal(100, 0.5);
    long[] logs = new long[2001];
    for (int i = 0; i < logs.length; i++) {
      assertThat(normal.sampleMs(random)).isNotNegative();
      logs[i] = lognormal.sampleMs(random);
    }
    java.util.Arrays.sort(logs);

    assertThat(logs[logs.length / 2]).as("median").isBetween(85L, 115L);
  }

  @Test
  void parses_every_distribution_and_a_bare_number() {
    Scenario s =
        Scenario.parse(
            """
            latency:
              ttft: 200
              inter_token: {dist: lognormal, median_ms: 30, sigma: 0.3}
            """);

    assertThat(s.latency().ttft()).isEqualTo(new Delay.Fixed(200));
    assertThat(s.latency().interToken()).isEqualTo(new Delay.LogNormal(30, 0.3));
    assertThat(
            Scenario.parse("latency: {ttft: {dist: normal, mean_ms: 5, stddev_ms: 1}}")
                .latency()
                .ttft())
        .isEqualTo(new Delay.Normal(5, 1));
  }
}
