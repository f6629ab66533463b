package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.gateway.Gateway;
import dev.gantry.gateway.metrics.Bucket;
import dev.gantry.sim.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The dashboard's rollups are kept in the store and read back by the next gateway. */
class RollupsRestartTest {
  static final String CHAT =
      "{\"model\":\"ask\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  static Bucket lastHour(Gateway g) {
    return g.monitoring().rollups().window(Duration.ofHours(1), k -> k.route().equals("ask"));
  }

  @Test
  void a_restarted_gateway_shows_the_requests_of_the_one_before() throws Exception {
    Path dir = Files.createTempDirectory("gantry-rollups");
    String yaml =
        GantryTestKit.simConfig("ask") + "audit: {enabled: true}\n" + "data_dir: " + dir + "\n";
    try (Simulator sim = GantryTestKit.simulator()) {
      try (Gateway first = GantryTestKit.gateway(yaml, sim)) {
        HttpTestClient http = new HttpTestClient(first.baseUrl());
        for (int i = 0; i < 3; i++) {
          assertThat(http.postJson("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
        }
        assertThat(lastHour(first).requests()).isEqualTo(3);
      }
      try (Gateway second = GantryTestKit.gateway(yaml, sim)) {
        Bucket b = lastHour(second);
        assertThat(b.requests()).isEqualTo(3);
        assertThat(b.inputTokens()).isPositive();
        new HttpTestClient(second.baseUrl()).postJson("/v1/chat/completions", CHAT);
        assertThat(lastHour(second).requests()).isEqualTo(4);
      }
    }
  }
}
