package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.config.ConfigLoader;
import dev.gantry.gateway.security.SecurityRuntime;
import dev.gantry.sim.Simulator;
import dev.gantry.store.Store;
import dev.gantry.store.audit.AuditEntry;
import dev.gantry.store.audit.AuditQuery;
import dev.gantry.store.audit.RequestRecord;
import dev.gantry.store.audit.VerifyResult;
import dev.gantry.testkit.GantryTestKit;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(2))
              .build();
      AuditDurabilityTest helper = new AuditDurabilityTest();
      helper.dir = dir;
      Process server = helper.serve(config);
      Map<String, Long> answered = new ConcurrentHashMap<>();
      try {
        int port = helper.awaitPort(server);
        AuditDurabilityTest.awaitReady(http, port);
        // one request first, so that slow first-use work (tokenizer, JIT) is not timed by the load
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("content-type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
          int thread = t;
          load.submit(
              () -> {
                for (int i = 0; running.get(); i++) {
                  String id = "spend-" + thread + "-" + i;
                  try {
                    HttpResponse<String> r =
                        http.send(
                            HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
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
                  } catch (IOException e) {
                    continue; // a timeout under load, or the server is gone
                  } catch (InterruptedException e) {
                    return null;
                  }
                }
                return null;
              });
        }
        Thread.sleep(2_000);
        server.destroyForcibly();
        server.waitFor();
        running.set(false);
        load.shutdown();
        load.awaitTermination(10, TimeUnit.SECONDS);
      } finally {
        server.destroyForcibly();
      }
      assertThat(answered.size()).as("requests answered before the kill").isGreaterThan(50);

      var loaded = ConfigLoader.load(config, Map.of());
      Map<String, Long> audited = new HashMap<>();
      try (Store store = Store.open(SecurityRuntime.storeConfig(loaded, Map.of()))) {
        assertThat(store.audit().verify()).isInstanceOf(VerifyResult.Intact.class);
        Long before = null;
        while (true) {
          AuditQuery q =
              AuditQuery.allTenants(Instant.EPOCH, Instant.now().plusSeconds(60), 10_000);
          List<AuditEntry> page = store.audit().list(before == null ? q : q.before(before));
          if (page.isEmpty()) {
            break;
          }
          for (AuditEntry e : page) {
            if (e.record() instanceof RequestRecord r) {
              audited.put(r.requestId(), r.costMicros());
            }
            before = e.seq();
          }
        }
      }
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
