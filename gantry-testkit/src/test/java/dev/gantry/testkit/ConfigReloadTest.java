package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.events.ConfigReloaded;
import dev.gantry.core.time.ManualTime;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running gateway picks up a changed file, and keeps its configuration when the file is bad.
 * The watcher runs on manual time: each check happens, on this thread, when the test advances the
 * time past the reload interval, so every assertion follows the check it is about.
 */
class ConfigReloadTest {
  static final Duration INTERVAL = Duration.ofMillis(100);

  static String config(String route) {
    return "server: {port: 0, reload_interval: 100ms}\nauth: {required: false}\naudit: {enabled: false}\n"
        + "providers:\n  sim: {type: openai_compatible, base_url: '${SIM_URL}/v1'}\n"
        + "routes:\n  "
        + route
        + ": {deployments: [{provider: sim, model: m}]}\n";
  }

  @Test
  void reloads_a_valid_change_and_keeps_the_old_config_on_an_invalid_one(@TempDir Path dir)
      throws Exception {
    ManualTime time = new ManualTime();
    List<ConfigReloaded> reloads = new CopyOnWriteArrayList<>();
    try (Simulator sim = GantryTestKit.simulator()) {
      Path file = dir.resolve("gantry.yaml");
      Files.writeString(file, config("first"));
      var options =
          GantryTestKit.options().withEnv(Map.of("SIM_URL", sim.baseUrl())).withTime(time);
      options.events().subscribe(ConfigReloaded.class, reloads::add);
      try (Gateway gateway = GantryTestKit.gatewayWatching(file, options)) {
        HttpTestClient http = new HttpTestClient(gateway.baseUrl());
        assertThat(http.get("/v1/models").body()).contains("\"first\"");

        GantryTestKit.write(file, config("second"));
        time.advance(INTERVAL.minusMillis(1));
        assertThat(reloads).isEmpty();
        assertThat(http.get("/v1/models").body()).contains("\"first\"");
        time.advance(Duration.ofMillis(1));
        assertThat(reloads).singleElement().matches(ConfigReloaded::applied);
        assertThat(http.get("/v1/models").body())
            .contains("\"second\"")
            .doesNotContain("\"first\"");

        GantryTestKit.write(
            file,
            "server: {port: 0}\nroutes:\n  broken: {deployments: [{provider: nowhere, model: m}]}\n");
        time.advance(INTERVAL);
        assertThat(reloads).hasSize(2);
        assertThat(reloads.get(1).applied()).isFalse();
        assertThat(reloads.get(1).problem()).contains("nowhere");
        // Checks after the refusal see the same bad content and apply nothing later either.
        time.advance(INTERVAL.multipliedBy(5));
        assertThat(reloads).hasSize(2);
        assertThat(http.get("/v1/models").body()).contains("\"second\"");
        assertThat(
                http.postJson(
                        "/v1/chat/completions",
                        "{\"model\":\"second\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                    .statusCode())
            .isEqualTo(200);

        GantryTestKit.write(file, config("third"));
        time.advance(INTERVAL);
        assertThat(reloads).hasSize(3);
        assertThat(reloads.get(2).applied()).isTrue();
        assertThat(http.get("/v1/models").body()).contains("\"third\"");
      }
    }
  }
}
