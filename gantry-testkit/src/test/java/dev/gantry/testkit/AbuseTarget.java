package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import dev.gantry.store.audit.AuditEntry;
import dev.gantry.store.audit.AuditQuery;
import dev.gantry.store.audit.RequestRecord;
import dev.gantry.store.audit.VerifyResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The gateway the abuse properties attack: authentication, audit, a knowledge base, a route with
 * the JSON output check, the admin API on the public listener, short deadlines. Also the checks
 * every answer must pass. Start with {@link #start}, stop with {@link #close}.
 */
final class AbuseTarget implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ADMIN = "abuse-suite-admin-key-0123456789abcdef";

  /** Longest a request may take to be answered: body deadline + request deadline + margin. */
  static final long ANSWER_MS = 1_000 + 10_000 + 5_000;

  /** A loose bound on a probe request: catches stuck workers or event loops, not slowness. */
  static final long PROBE_MS = 5_000;

  final Path dir;
  final Simulator sim;
  final Gateway gateway;
  final HttpTestClient http;
  final URI base;
  final String scopedKey;

  private AbuseTarget(Path dir, Simulator sim, Gateway gateway) {
    this.dir = dir;
    this.sim = sim;
    this.gateway = gateway;
    this.http = new HttpTestClient(gateway.baseUrl());
    this.base = URI.create(gateway.baseUrl());
    HttpResponse<String> k =
        http.postJson(
            "/admin/keys",
            "{\"tenant\":\"acme\",\"role\":\"app\",\"routes\":[\"m\"]}",
            "authorization",
            "Bearer " + ADMIN);
    try {
      this.scopedKey = JSON.readTree(k.body()).path("key").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static AbuseTarget start() {
    try {
      Path dir = Files.createTempDirectory("gantry-abuse");
      Path docs = Files.createDirectories(dir.resolve("docs"));
      Files.writeString(
          docs.resolve("ferry.md"),
          "# Ferry\n\nThe island ferry leaves every ninety minutes; a return ticket costs twelve"
              + " euros.\n");
      Simulator sim =
          GantryTestKit.simulator("rules:\n  - match: {contains: \"{\"}\n    echo: user\n");
      String yaml =
          "server: {port: 0, body_timeout: 1s, request_timeout: 10s, max_body_bytes: 256KB}\n"
              + "data_dir: "
              + dir.resolve("data")
              + "\n"
              + "auth: {required: true, server_secret: abuse-suite-secret-0123456789abcdef}\n"
              + "audit: {enabled: true}\n"
              + "admin: {on_public_listener: true}\n"
              + "knowledge_bases:\n  ferry: {sources: ["
              + docs
              + "], tenants: [acme]}\n"
              + "providers:\n"
              + "  sim: {type: openai_compatible, base_url: '"
              + sim.baseUrl()
              + "/v1'}\n"
              + "  kb: {type: extractive}\n"
              + "routes:\n"
              + "  m: {deployments: [{provider: sim, model: m}]}\n"
              + "  strict:\n"
              + "    deployments: [{provider: sim, model: strict}]\n"
              + "    guardrails: {output: [{check: json, action: block}]}\n"
              + "  ask: {deployments: [{provider: kb, model: extractive}], rag: {kb: ferry}}\n";
      Gateway gateway =
          Gateway.start(
              GantryTestKit.config(yaml, Map.of()),
              GantryTestKit.options().withEnv(Map.of("GANTRY_ADMIN_KEY", ADMIN)));
      return new AbuseTarget(dir, sim, gateway);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts that an answered error has the API's shape: {"error":{message,type,param,code}}. */
  static void hasErrorShape(RawHttp.Reply r) throws IOException {
    assertThat(r.header("content-type")).as(r.toString()).startsWith("application/json");
    JsonNode error = JSON.readTree(r.body()).path("error");
    assertThat(error.path("message").isTextual()).as(r.body()).isTrue();
    assertThat(error.path("type").isTextual()).as(r.body()).isTrue();
    assertThat(error.has("param") && error.has("code")).as(r.body()).isTrue();
  }

  /** A health probe and an authenticated chat probe, each answered within {@link #PROBE_MS}. */
  void probe() {
    long start = System.nanoTime();
    assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
    HttpResponse<String> chat =
        http.postJson(
            "/v1/chat/completions",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"probe\"}]}",
            "authorization",
            "Bearer " + ADMIN);
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(chat.statusCode()).isEqualTo(200);
    assertThat(ms).as("probe latency (ms)").isLessThan(PROBE_MS);
  }

  /** Asserts that a request record with this id reaches the audit log within a few seconds. */
  void audited(String requestId) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      for (AuditEntry e :
          gateway
              .security()
              .audit()
              .list(AuditQuery.allTenants(Instant.EPOCH, Instant.now().plusSeconds(60), 200))) {
        if (e.record() instanceof RequestRecord r && r.requestId().equals(requestId)) {
          return;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no audit record for the answered request " + requestId);
  }

  /** Asserts that the audit chain verifies. */
  void chainIntact() {
    VerifyResult v = gateway.security().audit().verify();
    assertThat(v).as(v.toString()).isInstanceOf(VerifyResult.Intact.class);
  }

  /** Heap in use after a full collection, in bytes. */
  static long heapAfterGc() {
    System.gc();
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  @Override
  public void close() {
    gateway.close();
    sim.close();
  }
}
