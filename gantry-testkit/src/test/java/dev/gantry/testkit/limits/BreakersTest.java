package dev.gantry.testkit.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import dev.gantry.core.time.ManualTime;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import dev.gantry.testkit.GantryTestKit;
import dev.gantry.testkit.HttpTestClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Circuit breakers through real sockets: a failing deployment's circuit opens, after which it is no
 * longer called while its route keeps answering from the healthy one; {@code GET
 * /admin/deployments} shows it; after {@code open_for} a probe that succeeds closes it again.
 */
class BreakersTest {
  static final String ADMIN = "gk_admin000_breakers-test-admin-key-0123456789";

  @Test
  void a_failing_deployment_is_skipped_once_its_circuit_opens_then_probed_back(@TempDir Path dir)
      throws Exception {
    ManualTime time = new ManualTime();
    try (Simulator good = GantryTestKit.simulator();
        Simulator bad =
            GantryTestKit.simulator("faults: [{type: status, status: 503, rate: 1.0}]\n")) {
      String yaml =
          """
          data_dir: %s
          auth: {required: true, cache_ttl: 0s, server_secret: breakers-secret-0123456789abcdef}
          admin: {on_public_listener: true}
          providers:
            good: {type: openai_compatible, base_url: "%s/v1"}
            bad: {type: openai_compatible, base_url: "%s/v1"}
          routes:
            m:
              deployments: [{provider: good, model: m, weight: 1}, {provider: bad, model: m, weight: 1}]
              retry: {max_attempts: 1}
          limits:
            breaker: {failure_rate: 50, window: 10, min_calls: 4, open_for: 30s, half_open_calls: 1}
          """
              .formatted(dir, good.baseUrl(), bad.baseUrl());
      Map<String, String> env = new HashMap<>(Map.of("GANTRY_ADMIN_KEY", ADMIN));
      try (Gateway gw =
          Gateway.start(
              GantryTestKit.config(yaml, env),
              GantryTestKit.options().withTicker(time).withEnv(env))) {
        HttpTestClient http = new HttpTestClient(gw.baseUrl());
        String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        for (int i = 0; i < 60; i++) {
          assertThat(
                  http.postJson("/v1/chat/completions", body, "authorization", "Bearer " + ADMIN)
                      .statusCode())
              .isEqualTo(200);
        }
        // four failures open it: the other 56 requests never reach it
        assertThat(bad.received()).hasSize(4);
        JsonNode view =
            Json.MAPPER.readTree(
                http.get("/admin/deployments", "authorization", "Bearer " + ADMIN).body());
        assertThat(state(view, "bad/m")).isEqualTo("open");
        assertThat(state(view, "good/m")).isEqualTo("closed");

        bad.scenario(dev.gantry.sim.Scenario.instant());
        time.advance(Duration.ofSeconds(31));
        for (int i = 0; i < 40; i++) {
          http.postJson("/v1/chat/completions", body, "authorization", "Bearer " + ADMIN);
        }
        view =
            Json.MAPPER.readTree(
                http.get("/admin/deployments", "authorization", "Bearer " + ADMIN).body());
        assertThat(state(view, "bad/m")).isEqualTo("closed");
        assertThat(bad.received().size()).isGreaterThan(5);
      }
    }
  }

  @Test
  void a_route_with_its_own_breaker_settings_opens_sooner_than_one_with_the_defaults(
      @TempDir Path dir) throws Exception {
    ManualTime time = new ManualTime();
    try (Simulator good = GantryTestKit.simulator();
        Simulator bad =
            GantryTestKit.simulator("faults: [{type: status, status: 503, rate: 1.0}]\n")) {
      String yaml =
          """
          data_dir: %s
          auth: {required: true, cache_ttl: 0s, server_secret: breakers-secret-0123456789abcdef}
          admin: {on_public_listener: true}
          providers:
            good: {type: openai_compatible, base_url: "%s/v1"}
            bad: {type: openai_compatible, base_url: "%s/v1"}
          routes:
            strict:
              deployments: [{provider: bad, model: s, weight: 1}, {provider: good, model: s, weight: 0}]
              retry: {max_attempts: 1}
            lenient:
              deployments: [{provider: bad, model: l, weight: 1}, {provider: good, model: l, weight: 0}]
              retry: {max_attempts: 1}
          limits:
            routes:
              strict: {breaker: {failure_rate: 50, window: 4, min_calls: 2, open_for: 30s}}
          """
              .formatted(dir, good.baseUrl(), bad.baseUrl());
      Map<String, String> env = new HashMap<>(Map.of("GANTRY_ADMIN_KEY", ADMIN));
      try (Gateway gw =
          Gateway.start(
              GantryTestKit.config(yaml, env),
              GantryTestKit.options().withTicker(time).withEnv(env))) {
        HttpTestClient http = new HttpTestClient(gw.baseUrl());
        for (String route : new String[] {"strict", "lenient"}) {
          String body =
              "{\"model\":\"" + route + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
          for (int i = 0; i < 10; i++) {
            assertThat(
                    http.postJson("/v1/chat/completions", body, "authorization", "Bearer " + ADMIN)
                        .statusCode())
                .isEqualTo(200);
          }
        }
        // strict's circuit opened after its two failing calls; lenient's needs 20 calls (default)
        assertThat(calls(bad, "s")).isEqualTo(2);
        assertThat(calls(bad, "l")).isEqualTo(10);
        JsonNode view =
            Json.MAPPER.readTree(
                http.get("/admin/deployments", "authorization", "Bearer " + ADMIN).body());
        assertThat(state(view, "bad/s")).isEqualTo("open");
        assertThat(state(view, "bad/l")).isEqualTo("closed");
        JsonNode strict = deployment(view, "bad/s").get("breaker");
        assertThat(strict.get("failure_rate_threshold").asInt()).isEqualTo(50);
        assertThat(strict.get("window").asInt()).isEqualTo(4);
        assertThat(strict.get("min_calls").asInt()).isEqualTo(2);
        assertThat(strict.get("open_for_ms").asLong()).isEqualTo(30_000);
        JsonNode lenient = deployment(view, "bad/l").get("breaker");
        assertThat(lenient.get("min_calls").asInt()).isEqualTo(20);
        assertThat(lenient.get("window").asInt()).isEqualTo(50);
        assertThat(lenient.get("slow_call_ms").asLong()).isEqualTo(60_000);
        assertThat(lenient.get("half_open_calls").asInt()).isEqualTo(2);
      }
    }
  }

  static long calls(Simulator sim, String model) {
    return sim.received().stream()
        .filter(r -> r.body() != null && model.equals(r.body().path("model").asText()))
        .count();
  }

  static JsonNode deployment(JsonNode view, String deployment) {
    for (JsonNode d : view.get("deployments")) {
      if (d.get("deployment").asText().equals(deployment)) {
        return d;
      }
    }
    throw new AssertionError("no deployment " + deployment + " in " + view);
  }

  static String state(JsonNode view, String deployment) {
    for (JsonNode d : view.get("deployments")) {
      if (d.get("deployment").asText().equals(deployment)) {
        return d.get("state").asText();
      }
    }
    return "absent";
  }
}
