package dev.gantry.testkit.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Scenario;
import dev.gantry.sim.Simulator;
import dev.gantry.testkit.GantryTestKit;
import dev.gantry.testkit.HttpTestClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Hedged requests through real sockets: once a deployment's latency is known, a first attempt that
 * hangs past its 95th percentile gets a second attempt on the next deployment, which answers; the
 * hedge is counted as started and won.
 */
class HedgingTest {
  private static final String BODY =
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  /** A route on {@code primary} (weight 1) and {@code backup} (weight 0) with hedging on. */
  private static String config(
      Simulator primary, Simulator backup, String firstByte, String retry) {
    return """
        providers:
          primary:
            type: openai_compatible
            base_url: "%s/v1"
            timeouts: {first_byte: %s}
          backup: {type: openai_compatible, base_url: "%s/v1"}
        routes:
          m:
            deployments: [{provider: primary, model: m, weight: 1}, {provider: backup, model: m, weight: 0}]
            retry: %s
        limits:
          hedging: {budget: 20}
        """
        .formatted(primary.baseUrl(), firstByte, backup.baseUrl(), retry);
  }

  /** A client of {@code gw} after 30 answered requests, so the primary's latency is known. */
  private static HttpTestClient warmedUp(Gateway gw) {
    HttpTestClient http = new HttpTestClient(gw.baseUrl());
    for (int i = 0; i < 30; i++) {
      assertThat(http.postJson("/v1/chat/completions", BODY).statusCode()).isEqualTo(200);
    }
    return http;
  }

  @Test
  void a_hanging_first_attempt_is_hedged_on_the_next_deployment_which_answers() {
    try (Simulator primary = GantryTestKit.simulator("latency: {ttft: {dist: fixed, ms: 20}}\n");
        Simulator backup = GantryTestKit.simulator()) {
      String yaml = config(primary, backup, "30s", "{max_attempts: 1}");
      try (Gateway gw = GantryTestKit.gateway(yaml, primary)) {
        HttpTestClient http = warmedUp(gw);
        // a warm-up call that happened to pass the percentile may have been hedged too (and, with
        // a budget of 5%, have spent the hedge): counts are compared before and after
        long hedges = gw.hedging().hedges();
        long wins = gw.hedging().wins();
        int toBackup = backup.received().size();
        primary.scenario(Scenario.parse("faults: [{type: hang, rate: 1.0}]\n"));
        HttpResponse<String> hedged = http.postJson("/v1/chat/completions", BODY);
        assertThat(hedged.statusCode()).isEqualTo(200);
        assertThat(backup.received()).hasSize(toBackup + 1);
        assertThat(gw.hedging().hedges() - hedges).isEqualTo(1);
        assertThat(gw.hedging().wins() - wins).isEqualTo(1);
      }
    }
  }

  @Test
  void a_deployment_left_by_a_hedge_keeps_its_retries_when_the_other_one_fails() {
    try (Simulator primary = GantryTestKit.simulator("latency: {ttft: {dist: fixed, ms: 20}}\n");
        Simulator backup = GantryTestKit.simulator()) {
      String yaml =
          config(primary, backup, "500ms", "{max_attempts: 2, base_delay: 1ms, max_delay: 1ms}");
      try (Gateway gw = GantryTestKit.gateway(yaml, primary)) {
        HttpTestClient http = warmedUp(gw);
        int toPrimary = primary.received().size();
        int toBackup = backup.received().size();
        // the primary's next request hangs (and is hedged), the backup answers every one with 503:
        // after the backup's two attempts, the primary still has its second one, which answers
        primary.scenario(
            Scenario.parse(
                "latency: {ttft: {dist: fixed, ms: 20}}\nfaults: [{type: hang, first: 1}]\n"));
        backup.scenario(Scenario.parse("faults: [{type: status, status: 503, rate: 1.0}]\n"));
        HttpResponse<String> answer = http.postJson("/v1/chat/completions", BODY);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(backup.received()).hasSize(toBackup + 2);
        assertThat(primary.received()).hasSize(toPrimary + 2);
      }
    }
  }
}
