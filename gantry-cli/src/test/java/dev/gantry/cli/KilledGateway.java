package dev.gantry.cli;

import dev.gantry.core.config.ConfigLoader;
import dev.gantry.gateway.security.SecurityRuntime;
import dev.gantry.store.Store;
import dev.gantry.store.audit.AuditEntry;
import dev.gantry.store.audit.AuditQuery;
import dev.gantry.store.audit.RequestRecord;
import dev.gantry.store.audit.VerifyResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A gateway in a child process, put under load and then killed with SIGKILL, for the tests of what
 * survives a crash; afterwards, its audit log as it was left on disk.
 */
final class KilledGateway {
  /** Sends one chat request of the load; {@code id} is its {@code x-request-id}. */
  interface Send {
    void send(HttpClient http, URI url, int i, String id) throws IOException, InterruptedException;
  }

  private static final Pattern LISTENING =
      Pattern.compile("Gantry listening on https?://[^ ]+:(\\d+) ");

  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private KilledGateway() {}

  /** {@code gantry serve --config config} in a child JVM, its output in {@code dir/server.log}. */
  static Process serve(Path dir, Path config) throws IOException {
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

  /** The port the server chose (it is told port 0), read from its log once it listens. */
  static int awaitPort(Path dir, Process server) throws Exception {
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

  static void awaitReady(int port) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (HTTP.send(
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

  /**
   * Eight clients send requests (ids {@code prefix-thread-i}) until {@code answered} reaches {@code
   * target} (at most 120 s, however fast this machine is), then the server is killed mid-load.
   */
  static void loadThenKill(
      Process server, int port, String prefix, Send send, IntSupplier answered, int target)
      throws Exception {
    URI url = URI.create("http://127.0.0.1:" + port + "/v1/chat/completions");
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService load = Executors.newFixedThreadPool(8);
    try {
      for (int t = 0; t < 8; t++) {
        int thread = t;
        load.submit(
            () -> {
              for (int i = 0; running.get(); i++) {
                try {
                  send.send(HTTP, url, i, prefix + "-" + thread + "-" + i);
                } catch (IOException e) {
                  continue; // a timeout under load, or the server is gone
                }
              }
              return null;
            });
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (answered.getAsInt() < target && System.nanoTime() - deadline < 0) {
        Thread.sleep(20);
      }
      server.destroyForcibly();
      server.waitFor();
    } finally {
      server.destroyForcibly();
      running.set(false);
      load.shutdown();
      load.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  /** The request records of the audit log left by the gateway of {@code config}, by request id. */
  static Map<String, RequestRecord> auditedRequests(Path config) throws Exception {
    var loaded = ConfigLoader.load(config, Map.of());
    Map<String, RequestRecord> out = new HashMap<>();
    try (Store store = Store.open(SecurityRuntime.storeConfig(loaded, Map.of()))) {
      if (!(store.audit().verify() instanceof VerifyResult.Intact)) {
        throw new AssertionError("the audit chain does not verify: " + store.audit().verify());
      }
      Long before = null;
      while (true) {
        AuditQuery q = AuditQuery.allTenants(Instant.EPOCH, Instant.now().plusSeconds(60), 10_000);
        List<AuditEntry> page = store.audit().list(before == null ? q : q.before(before));
        if (page.isEmpty()) {
          return out;
        }
        for (AuditEntry e : page) {
          if (e.record() instanceof RequestRecord r) {
            out.put(r.requestId(), r);
          }
          before = e.seq();
        }
      }
    }
  }
}
