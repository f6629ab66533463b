package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.sim.Simulator;
import dev.gantry.testkit.GantryTestKit;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spend ledger and the audit log under a crash: load under a spend limit, SIGKILL, then every
 * request in the audit log has its ledger row with the same cost and no ledger row lacks its audit
 * record (both are written in one transaction), and every answer the client received is in both.
 */
class SpendDurabilityTest {
  @TempDir Path dir;

  @Test
  void after_a_sigkill_the_ledger_and_the_audit_log_agree() throws Exception {
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
              + "routes:\n  m: {deployments: [{provider: sim, model: m}],"
              + " budget: {max_output_tokens: 32}}\n"
              + "cost:\n  prices: [{provider: sim, model: m, input: 3.00, output: 15.00}]\n"
              + "  limits: [{scope: customer, period: day, hard: 100}]\n");
      Process server = KilledGateway.serve(dir, config);
      int port = KilledGateway.awaitPort(dir, server);
      KilledGateway.awaitReady(port);
      // one request first, so that slow first-use work (tokenizer, JIT) is not timed by the load
      KilledGateway.HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
              .header("content-type", "application/json")
              .timeout(Duration.ofSeconds(60))
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      Map<String, Long> answered = new ConcurrentHashMap<>();
      KilledGateway.loadThenKill(
          server,
          port,
          "spend",
          (http, url, i, id) -> {
            HttpResponse<String> r =
                http.send(
                    HttpRequest.newBuilder(url)
                        .header("content-type", "application/json")
                        .header("x-request-id", id)
                        .header("x-gantry-customer", "c" + (i % 5))
                        .timeout(Duration.ofSeconds(5))
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
                                    + "\"content\":\"hello number "
                                    + i
                                    + "\"}]}"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
              answered.put(
                  id,
                  dev.gantry.core.cost.Usd.parse(
                      r.headers().firstValue("x-gantry-cost-usd").orElseThrow()));
            }
          },
          answered::size,
          60);
      assertThat(answered.size()).as("requests answered before the kill").isGreaterThan(50);

      Map<String, Long> audited = new HashMap<>();
      KilledGateway.auditedRequests(config)
          .forEach((id, record) -> audited.put(id, record.costMicros()));
      Map<String, Long> ledger = new HashMap<>();
      try (Connection c =
              DriverManager.getConnection(
                  "jdbc:sqlite:" + dir.resolve("data").resolve("gantry.db"));
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT request_id, cost_micros FROM spend_ledger")) {
        while (rs.next()) {
          ledger.put(rs.getString(1), rs.getLong(2));
        }
      }
      assertThat(ledger).as("ledger and audit hold the same requests and costs").isEqualTo(audited);
      for (Map.Entry<String, Long> a : answered.entrySet()) {
        assertThat(ledger).containsEntry(a.getKey(), a.getValue());
      }
      Set<String> extra = new java.util.HashSet<>(ledger.keySet());
      extra.removeAll(answered.keySet());
      System.out.printf(
          "%d requests answered before SIGKILL; %d in the audit log, %d in the ledger, the same"
              + " set with the same costs (%d recorded but not answered: killed before the reply"
              + " was read)%n",
          answered.size(), audited.size(), ledger.size(), extra.size());
    }
  }
}
