package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.sim.Simulator;
import dev.gantry.testkit.GantryTestKit;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log's promise under a crash: load, SIGKILL, restart; every request whose complete
 * answer reached the client has its record, and the chain still verifies.
 */
class AuditDurabilityTest {
  @TempDir Path dir;

  @Test
  void every_answered_request_survives_a_sigkill_in_the_audit_log() throws Exception {
    try (Simulator sim = GantryTestKit.simulator()) {
      Path config = dir.resolve("gantry.yaml");
      Files.writeString(
          config,
          "server: {port: 0, reload_interval: 0s}\n"
              + "data_dir: "
              + dir.resolve("data")
              + "\nauth: {required: false}\naudit: {enabled: true}\n"
              + "providers:\n  sim: {type: openai_compatible, base_url: \""
              + sim.baseUrl()
              + "/v1\"}\n"
              + "routes:\n  m: {deployments: [{provider: sim, model: m}]}\n");
      Process server = KilledGateway.serve(dir, config);
      int port = KilledGateway.awaitPort(dir, server);
      KilledGateway.awaitReady(port);
      Set<String> answered = ConcurrentHashMap.newKeySet();
      KilledGateway.loadThenKill(
          server,
          port,
          "dur",
          (http, url, i, id) -> {
            HttpResponse<String> r =
                http.send(
                    HttpRequest.newBuilder(url)
                        .header("content-type", "application/json")
                        .header("x-request-id", id)
                        .timeout(Duration.ofSeconds(5))
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
                                    + "\"content\":\"hi\"}]}"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && r.body().contains("\"choices\"")) {
              answered.add(id);
            }
          },
          answered::size,
          150);
      assertThat(answered.size()).as("requests answered before the kill").isGreaterThan(50);

      Set<String> recorded = KilledGateway.auditedRequests(config).keySet();
      assertThat(recorded).containsAll(answered);

      Process again = KilledGateway.serve(dir, config);
      try {
        KilledGateway.awaitReady(KilledGateway.awaitPort(dir, again));
      } finally {
        again.destroy();
        again.waitFor();
      }
      System.out.printf(
          "%d requests answered before SIGKILL, %d audit records found, all answered ones"
              + " among them%n",
          answered.size(), recorded.size());
    }
  }
}
