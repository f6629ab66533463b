package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running gateway picks up a changed file, and keeps its configuration when the file is bad.
 */
class ConfigReloadTest {

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
    try (Simulator sim = GantryTestKit.simulator()) {
      Map<String, String> env = Map.of("SIM_URL", sim.baseUrl());
      Path file = dir.resolve("gantry.yaml");
      Files.writeString(file, config("first"));
      try (Gateway gateway = GantryTestKit.gatewayWatching(file, env)) {
        HttpTestClient http = new HttpTestClient(gateway.baseUrl());
        assertThat(http.get("/v1/models").body()).contains("\"first\"");

        GantryTestKit.write(file, config("second"));
        awaitModels(http, "\"second\"");
        assertThat(http.get("/v1/models").body()).doesNotContain("\"first\"");

        GantryTestKit.write(
            file,
            "server: {port: 0}\nroutes:\n  broken: {deployments: [{provider: nowhere, model: m}]}\n");
        Thread.sleep(500);
        assertThat(http.get("/v1/models").body()).contains("\"second\"");
        assertThat(
                http.postJson(
                        "/v1/chat/completions",
                        "{\"model\":\"second\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                    .statusCode())
            .isEqualTo(200);

        GantryTestKit.write(file, config("third"));
        awaitModels(http, "\"third\"");
      }
    }
  }

  private static void awaitModels(HttpTestClient http, String expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (http.get("/v1/models").body().contains(expected)) {
        return;
      }
      Thread.sleep(50);
    }
    assertThat(http.get("/v1/models").body()).contains(expected);
  }
}
