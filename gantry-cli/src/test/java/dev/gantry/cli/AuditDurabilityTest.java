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
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log's promise under a crash: load, SIGKILL, restart; every request whose complete
 * answer reached the client has its record, and the chain still verifies.
 */
class AuditDurabilityTest {
  @TempDir Path dir;

  private static final Pattern LISTENING =
      Pattern.compile("Gantry listening on https?://[^ ]+:(\\d+) ");

  /** The port the server chose (it is told port 0), read from its log once it listens. */
  int awaitPort(Process server) throws Exception {
    Path log = dir.resolve("server.log");
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)) {
        Matcher m = LISTENING.matcher(Files.readString(log));
        if (m.find()) {
          return Integer.parseInt(m.group(1));
        }
      }
      if (!server.isAlive()) {
        throw new AssertionError("the gateway exited: " + Files.readString(log));
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the gateway did not start");
  }

  Process serve(Path config) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "dev.gantry.cli.Main",
            "serve",
            "--config",
            config.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("server.log").toFile())
        .start();
  }

  static void awaitReady(HttpClient http, int port) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the gateway did not start");
  }

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
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(2))
              .build();
      Process server = serve(config);
      Set<String> answered = ConcurrentHashMap.newKeySet();
      try {
        int port = awaitPort(server);
        awaitReady(http, port);
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
          int thread = t;
          load.submit(
              () -> {
                for (int i = 0; running.get(); i++) {
                  String id = "dur-" + thread + "-" + i;
                  try {
                    HttpResponse<String> r =
                        http.send(
                            HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
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
                  } catch (IOException | InterruptedException e) {
                    return null;
                  }
                }
                return null;
              });
        }
        // Kill once a good number of answers are out, however fast this machine is.
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (answered.size() < 150 && System.nanoTime() - deadline < 0) {
          Thread.sleep(20);
        }
        server.destroyForcibly();
        server.waitFor();
        running.set(false);
        load.shutdown();
        load.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
      } finally {
        server.destroyForcibly();
      }
      assertThat(answered.size()).as("requests answered before the kill").isGreaterThan(50);

      var loaded = ConfigLoader.load(config, Map.of());
      Set<String> recorded = new HashSet<>();
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
              recorded.add(r.requestId());
            }
            before = e.seq();
          }
        }
      }
      assertThat(recorded).containsAll(answered);

      Process again = serve(config);
      try {
        awaitReady(http, awaitPort(again));
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
