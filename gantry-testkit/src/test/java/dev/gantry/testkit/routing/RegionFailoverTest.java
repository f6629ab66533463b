package dev.gantry.testkit.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.time.ManualTime;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Scenario;
import dev.gantry.sim.Simulator;
import dev.gantry.testkit.GantryTestKit;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Regions through real sockets: two simulators stand in for a deployment in the gateway's own
 * region and one in another. The route keeps to its region while that answers, fails over to the
 * other region when the local deployment fails and its breaker opens, and fails back once its
 * breaker lets a probe through (time moved on the injected ticker) and the probe succeeds.
 */
class RegionFailoverTest {
  static final String BODY =
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  @Test
  void prefers_its_own_region_fails_over_when_the_breaker_opens_and_fails_back_on_recovery() {
    ManualTime time = new ManualTime();
    try (Simulator home = GantryTestKit.simulator();
        Simulator away = GantryTestKit.simulator()) {
      String yaml =
          """
          server: {region: eu-west}
          providers:
            home: {type: openai_compatible, base_url: "%s/v1"}
            away: {type: openai_compatible, base_url: "%s/v1"}
          routes:
            m:
              deployments:
                - {provider: away, model: m, region: us-east}
                - {provider: home, model: m, region: eu-west}
              retry: {max_attempts: 1}
          limits:
            breaker: {failure_rate: 50, window: 10, min_calls: 4, open_for: 30s, half_open_calls: 1}
          """
              .formatted(home.baseUrl(), away.baseUrl());
      try (Gateway gw =
          Gateway.start(
              GantryTestKit.config(yaml, Map.of()), GantryTestKit.options().withTicker(time))) {
        dev.gantry.testkit.HttpTestClient http =
            new dev.gantry.testkit.HttpTestClient(gw.baseUrl());
        for (int i = 0; i < 20; i++) {
          assertThat(send(http).headers().firstValue("x-gantry-provider")).hasValue("home");
        }
        assertThat(away.received()).isEmpty();

        // the home region fails: each request still answers (from the other region); after five
        // failures (half of the breaker's window of ten) the home region is no longer called
        home.scenario(Scenario.parse("faults: [{type: status, status: 503, rate: 1.0}]\n"));
        for (int i = 0; i < 20; i++) {
          HttpResponse<String> r = send(http);
          assertThat(r.statusCode()).isEqualTo(200);
          assertThat(r.headers().firstValue("x-gantry-provider")).hasValue("away");
        }
        assertThat(home.received()).hasSize(25);
        assertThat(away.received()).hasSize(20);

        // recovered, but the breaker is still open: requests stay away until its wait is over
        home.scenario(Scenario.instant());
        assertThat(send(http).headers().firstValue("x-gantry-provider")).hasValue("away");
        time.advance(Duration.ofSeconds(31));
        for (int i = 0; i < 10; i++) {
          HttpResponse<String> r = send(http);
          assertThat(r.statusCode()).isEqualTo(200);
          assertThat(r.headers().firstValue("x-gantry-provider")).hasValue("home");
        }
        assertThat(away.received()).hasSize(21);
      }
    }
  }

  private static HttpResponse<String> send(dev.gantry.testkit.HttpTestClient http) {
    return http.postJson("/v1/chat/completions", BODY);
  }
}
