package dev.gantry.testkit.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.gateway.Gateway;
import dev.gantry.gateway.routing.Hedging;
import dev.gantry.sim.Scenario;
import dev.gantry.sim.Simulator;
import dev.gantry.testkit.GantryTestKit;
import dev.gantry.testkit.HttpTestClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Hedged streams through real sockets: once a deployment's time to first token is known, a streamed
 * attempt that has no first byte by its 95th percentile gets a second attempt on the next
 * deployment; the one that gets its first byte sooner — the hedge or the first attempt — is the
 * stream the client reads (one stream, not two interleaved) and the other is cancelled; hedges,
 * wins and cancelled losers are counted. A warm-up stream that happens to pass the percentile may
 * be hedged too, so the counts are compared before and after each slow stream.
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
            hedging: {budget: 20}
          """
              .formatted(primary.baseUrl(), backup.baseUrl());
      try (Gateway gw = GantryTestKit.gateway(yaml, primary)) {
        HttpTestClient http = new HttpTestClient(gw.baseUrl());
        for (int i = 0; i < 30; i++) {
          HttpResponse<String> r = http.postJson("/v1/chat/completions", BODY);
          assertThat(r.statusCode()).isEqualTo(200);
          assertThat(r.body()).contains("data: [DONE]");
        }
        Hedging h = gw.hedging();

        // the primary now takes a minute to its first token: the hedge answers long before
        primary.scenario(Scenario.parse("latency: {ttft: {dist: fixed, ms: 60000}}\n"));
        long hedges = h.hedges();
        long wins = h.wins();
        long losers = h.losers();
        int toBackup = backup.received().size();
        HttpResponse<String> hedged = http.postJson("/v1/chat/completions", BODY);
        assertThat(hedged.statusCode()).isEqualTo(200);
        assertThat(hedged.headers().firstValue("x-gantry-provider")).hasValue("backup");
        assertThat(hedged.body().split("data: \\[DONE\\]", -1)).hasSize(2);
        assertThat(backup.received()).hasSize(toBackup + 1);
        assertThat(h.hedges() - hedges).isEqualTo(1);
        assertThat(h.wins() - wins).isEqualTo(1);
        assertThat(h.losers() - losers).isEqualTo(1);
        assertThat(h.loserMicros()).isPositive();

        // the hedge is the slow one now: the primary's first byte comes first and wins although
        // the hedge started later; the client reads the primary's stream and is told so
        primary.scenario(Scenario.parse("latency: {ttft: {dist: fixed, ms: 1500}}\n"));
        backup.scenario(Scenario.parse("latency: {ttft: {dist: fixed, ms: 60000}}\n"));
        HttpResponse<String> kept = http.postJson("/v1/chat/completions", BODY);
        assertThat(kept.statusCode()).isEqualTo(200);
        assertThat(kept.headers().firstValue("x-gantry-provider")).hasValue("primary");
        assertThat(kept.body().split("data: \\[DONE\\]", -1)).hasSize(2);
        assertThat(backup.received()).hasSize(toBackup + 2);
        assertThat(h.hedges() - hedges).isEqualTo(2);
        assertThat(h.wins() - wins).isEqualTo(1);
        assertThat(h.losers() - losers).isEqualTo(2);
      }
    }
  }
}
