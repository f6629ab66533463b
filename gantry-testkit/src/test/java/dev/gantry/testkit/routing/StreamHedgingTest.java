package dev.gantry.testkit.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Scenario;
import dev.gantry.sim.Simulator;
import dev.gantry.testkit.GantryTestKit;
import dev.gantry.testkit.HttpTestClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Hedged streams through real sockets: once a deployment's time to first token is known, a streamed
 * attempt that has no first byte by its 95th percentile gets a second attempt on the next
 * deployment; the one that gets its first byte sooner is the stream the client reads (one stream,
 * not two interleaved) and the other is cancelled; the hedge, its win and the cancelled loser are
 * counted.
 */
class StreamHedgingTest {
  static final String BODY =
      "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  @Test
  void a_stream_slow_to_its_first_token_is_hedged_and_the_first_to_a_byte_wins() {
    try (Simulator primary = GantryTestKit.simulator("latency: {ttft: {dist: fixed, ms: 20}}\n");
        Simulator backup = GantryTestKit.simulator()) {
      String yaml =
          """
          providers:
            primary:
              type: openai_compatible
              base_url: "%s/v1"
              timeouts: {first_byte: 60s}
            backup: {type: openai_compatible, base_url: "%s/v1"}
          cost:
            prices:
              - {provider: primary, model: m, input: 1.00, output: 2.00}
              - {provider: backup, model: m, input: 1.00, output: 2.00}
          routes:
            m:
              deployments: [{provider: primary, model: m, weight: 1}, {provider: backup, model: m, weight: 0}]
              retry: {max_attempts: 1}
          limits:
            hedging: {budget: 5}
          """
              .formatted(primary.baseUrl(), backup.baseUrl());
      try (Gateway gw = GantryTestKit.gateway(yaml, primary)) {
        HttpTestClient http = new HttpTestClient(gw.baseUrl());
        for (int i = 0; i < 30; i++) {
          HttpResponse<String> r = http.postJson("/v1/chat/completions", BODY);
          assertThat(r.statusCode()).isEqualTo(200);
          assertThat(r.body()).contains("data: [DONE]");
        }
        assertThat(backup.received()).isEmpty();
        assertThat(gw.hedging().hedges()).isZero();

        // the primary now takes a minute to its first token: the hedge answers long before
        primary.scenario(Scenario.parse("latency: {ttft: {dist: fixed, ms: 60000}}\n"));
        HttpResponse<String> hedged = http.postJson("/v1/chat/completions", BODY);
        assertThat(hedged.statusCode()).isEqualTo(200);
        assertThat(hedged.headers().firstValue("x-gantry-provider")).hasValue("backup");
        assertThat(hedged.body().split("data: \\[DONE\\]", -1)).hasSize(2);
        assertThat(backup.received()).hasSize(1);
        assertThat(gw.hedging().hedges()).isEqualTo(1);
        assertThat(gw.hedging().wins()).isEqualTo(1);
        assertThat(gw.hedging().losers()).isEqualTo(1);
        assertThat(gw.hedging().loserMicros()).isPositive();
      }
    }
  }
}
