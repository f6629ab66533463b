package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.core.config.GantryConfig;
import dev.gantry.core.time.ManualTime;
import dev.gantry.gateway.Gateway;
import dev.gantry.gateway.security.Endpoint;
import dev.gantry.sim.Simulator;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Keys, roles, tenants, the admin API, the audit log and attacks, against a real gateway. */
class SecurityTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ADMIN = "bootstrap-admin-key-for-tests-0123456789";
  static final String SERVER_SECRET = "server-secret-for-tests-0123456789abcdef";
  @TempDir static Path dir;
  static Simulator sim;
  static Gateway gateway;
  static HttpTestClient http;
  static ListAppender<ILoggingEvent> logs = new ListAppender<>();
  static Level rootLevel;

  /** The gateway's clock: key expiry is tested by moving it, not by waiting. */
  static final ManualTime TIME = new ManualTime();

  @BeforeAll
  static void start() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    rootLevel = root.getLevel();
    root.setLevel(Level.DEBUG);
    logs.start();
    root.addAppender(logs);
    sim = GantryTestKit.simulator();
    String yaml =
        "server: {port: 0, body_timeout: 1s}\n"
            + "data_dir: "
            + dir
            + "\n"
            + "auth: {required: true, cache_ttl: 0s, server_secret: "
            + SERVER_SECRET
            + "}\n"
            + "audit: {enabled: true}\n"
            + "admin: {on_public_listener: true}\n"
            + "providers:\n  sim: {type: openai_compatible, base_url: \"${SIM_URL}/v1\"}\n"
            + "routes:\n"
            + "  m: {deployments: [{provider: sim, model: m}]}\n"
            + "  n: {deployments: [{provider: sim, model: n}]}\n";
    GantryConfig config = GantryTestKit.config(yaml, sim);
    gateway =
        Gateway.start(
            config,
            GantryTestKit.options()
                .withEnv(Map.of("GANTRY_ADMIN_KEY", ADMIN, "SIM_URL", sim.baseUrl()))
                .withTime(TIME));
    http = new HttpTestClient(gateway.baseUrl());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    sim.close();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(logs);
    root.setLevel(rootLevel);
  }

  static String bearer(String key) {
    return "Bearer " + key;
  }

  static JsonNode createKey(String tenant, String role, String extra) throws Exception {
    HttpResponse<String> r =
        http.postJson(
            "/admin/keys",
            "{\"tenant\":\"" + tenant + "\",\"role\":\"" + role + "\"" + extra + "}",
            "authorization",
            bearer(ADMIN));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body());
  }

  static final String CHAT =
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  @Test
  void anthropic_clients_authenticate_with_x_api_key_and_get_anthropic_shaped_401s()
      throws Exception {
    String messages =
        "{\"model\":\"m\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    HttpResponse<String> none = http.postJson("/v1/messages", messages);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(none.body()).path("error").path("type").asText())
        .isEqualTo("authentication_error");
    assertThat(JSON.readTree(none.body()).path("type").asText()).isEqualTo("error");
    String key = createKey("alpha", "app", "").path("key").asText();
    assertThat(http.postJson("/v1/messages", messages, "x-api-key", key).statusCode())
        .isEqualTo(200);
    assertThat(
            http.postJson("/v1/messages", messages, "x-api-key", "gk_nothere_xxxxxxxxxxxxxxxx")
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void requests_without_a_valid_key_get_401() throws Exception {
    HttpResponse<String> none = http.postJson("/v1/chat/completions", CHAT);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("www-authenticate")).hasValue("Bearer");
    assertThat(JSON.readTree(none.body()).path("error").path("type").asText())
        .isEqualTo("authentication_error");
    for (String bad :
        new String[] {"Bearer ", "Basic abc", "Bearer gk_nothere_xxxxxxxxxxxxxxxx", "Bearer x"}) {
      assertThat(http.postJson("/v1/chat/completions", CHAT, "authorization", bad).statusCode())
          .as(bad)
          .isEqualTo(401);
    }
  }

  @Test
  void keys_work_as_bearer_or_api_key_and_stop_working_when_revoked() throws Exception {
    JsonNode k = createKey("acme", "app", "");
    String key = k.path("key").asText();
    assertThat(key).startsWith("gk_");
    assertThat(
            http.postJson("/v1/chat/completions", CHAT, "authorization", bearer(key)).statusCode())
        .isEqualTo(200);
    assertThat(http.postJson("/v1/chat/completions", CHAT, "api-key", key).statusCode())
        .isEqualTo(200);
    HttpResponse<String> revoke =
        http.postJson(
            "/admin/keys/" + k.path("id").asText() + "/revoke",
            "{}",
            "authorization",
            bearer(ADMIN));
    assertThat(revoke.statusCode()).isEqualTo(200);
    assertThat(
            http.postJson("/v1/chat/completions", CHAT, "authorization", bearer(key)).statusCode())
        .isEqualTo(401);
  }

  @Test
  void expired_keys_are_refused() throws Exception {
    String key = createKey("acme", "app", ",\"expires_in\":\"1s\"").path("key").asText();
    assertThat(
            http.postJson("/v1/chat/completions", CHAT, "authorization", bearer(key)).statusCode())
        .isEqualTo(200);
    TIME.advance(Duration.ofMillis(999));
    assertThat(
            http.postJson("/v1/chat/completions", CHAT, "authorization", bearer(key)).statusCode())
        .isEqualTo(200);
    TIME.advance(Duration.ofMillis(1));
    assertThat(
            http.postJson("/v1/chat/completions", CHAT, "authorization", bearer(key)).statusCode())
        .isEqualTo(401);
  }

  @Test
  void rotation_issues_a_new_key_and_retires_the_old_one() throws Exception {
    JsonNode k = createKey("acme", "developer", "");
    HttpResponse<String> r =
        http.postJson(
            "/admin/keys/" + k.path("id").asText() + "/rotate",
            "{}",
            "authorization",
            bearer(ADMIN));
    assertThat(r.statusCode()).isEqualTo(201);
    String fresh = JSON.readTree(r.body()).path("key").asText();
    assertThat(
            http.postJson("/v1/chat/completions", CHAT, "authorization", bearer(fresh))
                .statusCode())
        .isEqualTo(200);
    assertThat(
            http.postJson(
                    "/v1/chat/completions", CHAT, "authorization", bearer(k.path("key").asText()))
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void a_key_scoped_to_a_route_cannot_call_another_and_sees_only_its_routes() throws Exception {
    String key = createKey("acme", "app", ",\"routes\":[\"m\"]").path("key").asText();
    String otherRoute = CHAT.replace("\"m\"", "\"n\"");
    assertThat(
            http.postJson("/v1/chat/completions", otherRoute, "authorization", bearer(key))
                .statusCode())
        .isEqualTo(403);
    HttpResponse<String> models = http.get("/v1/models", "authorization", bearer(key));
    assertThat(JSON.readTree(models.body()).path("data")).hasSize(1);
  }

  /**
   * Every endpoint × every role × own and other tenant: allowed exactly when the endpoint table
   * says the role may call it and the object belongs to the caller's tenant.
   */
  @Test
  void every_endpoint_role_and_tenant_combination_is_allowed_or_denied_as_specified()
      throws Exception {
    Map<String, String> keys = new LinkedHashMap<>();
    for (String role : List.of("admin", "operator", "developer", "app")) {
      keys.put(role, createKey("alpha", role, "").path("key").asText());
    }
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, String> k : keys.entrySet()) {
      dev.gantry.core.security.Role role = dev.gantry.core.security.Role.parse(k.getKey());
      for (String tenant : List.of("alpha", "beta")) {
        for (Endpoint e : Endpoint.values()) {
          boolean tenantScoped = e.scope().equals("admin");
          boolean expected = e.allows(role) && (!tenantScoped || tenant.equals("alpha"));
          if (e == Endpoint.METRICS_READ) {
            // Gateway-wide: only the system tenant's admins and operators.
            expected = false;
          }
          if (!tenantScoped && tenant.equals("beta")) {
            continue;
          }
          int status = call(e, k.getValue(), tenant);
          boolean allowed = status != 401 && status != 403;
          if (allowed != expected) {
            failures.add(
                k.getKey()
                    + " on "
                    + e
                    + " of "
                    + tenant
                    + ": status "
                    + status
                    + ", expected "
                    + (expected ? "allowed" : "denied"));
          }
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  private static int call(Endpoint e, String key, String tenant) throws Exception {
    String auth = bearer(key);
    switch (e) {
      case CHAT:
        return http.postJson("/v1/chat/completions", CHAT, "authorization", auth).statusCode();
      case EMBEDDINGS:
        return http.postJson(
                "/v1/embeddings", "{\"model\":\"m\",\"input\":\"hi\"}", "authorization", auth)
            .statusCode();
      case RESPONSES:
        return http.postJson(
                "/v1/responses", "{\"model\":\"m\",\"input\":\"hi\"}", "authorization", auth)
            .statusCode();
      case MESSAGES:
        return http.postJson(
                "/v1/messages",
                "{\"model\":\"m\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "authorization",
                auth)
            .statusCode();
      case COMPLETIONS:
        return http.postJson(
                "/v1/completions", "{\"model\":\"m\",\"prompt\":\"hi\"}", "authorization", auth)
            .statusCode();
      case MODELS:
        return http.get("/v1/models", "authorization", auth).statusCode();
      case RETRIEVE:
        return http.postJson(
                "/v1/retrieve", "{\"kb\":\"none\",\"query\":\"x\"}", "authorization", auth)
            .statusCode();
      case KEYS_READ:
        return http.get("/admin/keys?tenant=" + tenant, "authorization", auth).statusCode();
      case KEYS_WRITE:
        {
          String target = createKey(tenant, "app", "").path("id").asText();
          int status =
              http.postJson("/admin/keys/" + target + "/revoke", "{}", "authorization", auth)
                  .statusCode();
          // Another tenant's key is reported as not found, so its existence is not revealed.
          return status == 404 ? 403 : status;
        }
      case AUDIT_READ:
        return http.get("/admin/audit?tenant=" + tenant, "authorization", auth).statusCode();
      case USAGE_READ:
        return http.get("/admin/usage?tenant=" + tenant, "authorization", auth).statusCode();
      case METRICS_READ:
        return http.get("/admin/metrics", "authorization", auth).statusCode();
      case ERASE:
        return http.postJson(
                "/admin/erase",
                "{\"tenant\":\"" + tenant + "\",\"customer\":\"nobody\"}",
                "authorization",
                auth)
            .statusCode();
      case FEEDBACK:
        {
          // Allowed: the request is not known (404); denied: 403.
          return http.postJson(
                  "/v1/feedback",
                  "{\"request_id\":\"chatcmpl-none\",\"score\":5}",
                  "authorization",
                  auth)
              .statusCode();
        }
      case ALERTS_READ:
        return http.get("/admin/alerts?tenant=" + tenant, "authorization", auth).statusCode();
      case DASHBOARD:
        {
          HttpResponse<String> login =
              http.postBytes(
                  "/ui/login",
                  ("key=" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                  "application/x-www-form-urlencoded");
          if (login.statusCode() != 303) {
            return login.statusCode();
          }
          String cookie = login.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
          return http.get("/ui/api/dashboard?tenant=" + tenant, "cookie", cookie).statusCode();
        }
      case CACHE_PURGE:
        return http.postJson(
                "/admin/cache/purge", "{\"tenant\":\"" + tenant + "\"}", "authorization", auth)
            .statusCode();
      default:
        throw new IllegalStateException(e.toString());
    }
  }

  @Test
  void an_admin_of_one_tenant_cannot_touch_another_tenants_keys() throws Exception {
    String alphaAdmin = createKey("alpha", "admin", "").path("key").asText();
    String betaKey = createKey("beta", "app", "").path("id").asText();
    HttpResponse<String> r =
        http.postJson(
            "/admin/keys/" + betaKey + "/revoke", "{}", "authorization", bearer(alphaAdmin));
    assertThat(r.statusCode()).isEqualTo(404);
    HttpResponse<String> create =
        http.postJson(
            "/admin/keys",
            "{\"tenant\":\"beta\",\"role\":\"admin\"}",
            "authorization",
            bearer(alphaAdmin));
    assertThat(create.statusCode()).isEqualTo(403);
  }

  @Test
  void a_developer_cannot_escalate_by_creating_an_admin_key() throws Exception {
    String dev = createKey("alpha", "developer", "").path("key").asText();
    HttpResponse<String> r =
        http.postJson(
            "/admin/keys",
            "{\"tenant\":\"alpha\",\"role\":\"admin\"}",
            "authorization",
            bearer(dev));
    assertThat(r.statusCode()).isEqualTo(403);
  }

  @Test
  void every_request_is_audited_per_tenant_and_the_chain_verifies() throws Exception {
    String key = createKey("gamma", "developer", "").path("key").asText();
    HttpResponse<String> r =
        http.postJson(
            "/v1/chat/completions",
            CHAT,
            "authorization",
            bearer(key),
            "x-request-id",
            "audit-check-1",
            "x-gantry-customer",
            "cust-42");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode records =
        JSON.readTree(http.get("/admin/audit?tenant=gamma", "authorization", bearer(ADMIN)).body())
            .path("data");
    JsonNode mine = null;
    for (JsonNode rec : records) {
      if (rec.path("request_id").asText().equals("audit-check-1")) {
        mine = rec;
      }
    }
    assertThat(mine).isNotNull();
    assertThat(mine.path("customer").asText()).isEqualTo("cust-42");
    assertThat(mine.path("route").asText()).isEqualTo("m");
    assertThat(mine.path("status").asInt()).isEqualTo(200);
    assertThat(mine.path("deployment").asText()).isEqualTo("sim/m");
    String gammaOps = createKey("gamma", "operator", "").path("key").asText();
    JsonNode own =
        JSON.readTree(http.get("/admin/audit", "authorization", bearer(gammaOps)).body())
            .path("data");
    assertThat(own).allMatch(rec -> rec.path("tenant").asText().equals("gamma"));
    JsonNode verify =
        JSON.readTree(http.get("/admin/audit/verify", "authorization", bearer(ADMIN)).body());
    assertThat(verify.path("intact").asBoolean()).as(verify.toString()).isTrue();
  }

  @Test
  void secrets_never_reach_the_logs() throws Exception {
    String key = createKey("acme", "app", "").path("key").asText();
    http.postJson("/v1/chat/completions", CHAT, "authorization", bearer(key));
    http.postJson("/v1/chat/completions", CHAT, "authorization", bearer(key + "x"));
    for (ILoggingEvent e : List.copyOf(logs.list)) {
      String line =
          e.getFormattedMessage()
              + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage());
      assertThat(line).doesNotContain(ADMIN).doesNotContain(key).doesNotContain(SERVER_SECRET);
    }
  }

  @Test
  void line_breaks_in_client_fields_never_start_a_new_log_line() throws Exception {
    String body =
        "{\"model\":\"m\\r\\nFORGED-LOG-ENTRY\",\"user\":\"a\\nFORGED-LOG-ENTRY\","
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    http.postJson("/v1/chat/completions", body, "authorization", bearer(ADMIN));
    for (ILoggingEvent e : List.copyOf(logs.list)) {
      assertThat(e.getFormattedMessage()).doesNotContain("\nFORGED").doesNotContain("\rFORGED");
    }
  }

  @Test
  void a_client_that_sends_headers_too_slowly_is_disconnected() throws Exception {
    java.net.URI uri = java.net.URI.create(gateway.baseUrl());
    try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(
          "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long start = System.nanoTime();
      InputStream in = s.getInputStream();
      int read = in.read();
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertThat(read).isEqualTo(-1);
      // Not before the deadline; the ceiling only tells "disconnected" from "hung".
      assertThat(ms).isBetween(500L, 20_000L);
    }
  }

  @Test
  void admin_endpoints_are_not_on_the_public_listener_unless_configured() throws Exception {
    try (Gateway plain =
        Gateway.start(
            GantryTestKit.config(
                "data_dir: "
                    + dir.resolve("other")
                    + "\nauth: {required: true, server_secret: "
                    + SERVER_SECRET
                    + "}\n"
                    + GantryTestKit.simConfig("m"),
                sim),
            GantryTestKit.options().withEnv(Map.of("GANTRY_ADMIN_KEY", ADMIN)))) {
      HttpResponse<String> r =
          new HttpTestClient(plain.baseUrl()).get("/admin/keys", "authorization", bearer(ADMIN));
      assertThat(r.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void a_flood_of_invalid_keys_does_not_slow_valid_requests() throws Exception {
    String key = createKey("acme", "app", "").path("key").asText();
    http.postJson("/v1/chat/completions", CHAT, "authorization", bearer(key));
    long base = medianMicros(key, 100);
    java.util.concurrent.ExecutorService flood =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    java.util.concurrent.atomic.AtomicInteger refused =
        new java.util.concurrent.atomic.AtomicInteger();
    List<java.util.concurrent.Future<?>> running = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      running.add(
          flood.submit(
              () -> {
                for (int i = 0; i < 1_250; i++) {
                  String bad =
                      "gk_"
                          + Long.toHexString(System.nanoTime()).substring(0, 8)
                          + "_"
                          + i
                          + "zzzzzzzz";
                  if (http.postJson("/v1/chat/completions", CHAT, "authorization", bearer(bad))
                          .statusCode()
                      == 401) {
                    refused.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    long during = medianMicros(key, 100);
    for (java.util.concurrent.Future<?> f : running) {
      f.get();
    }
    flood.shutdown();
    assertThat(refused).hasValue(10_000);
    System.out.printf("valid p50 %d µs alone, %d µs during 10,000 invalid keys%n", base, during);
    assertThat(during).isLessThan(Math.max(20_000, base * 10));
  }

  private static long medianMicros(String key, int n) {
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      long s = System.nanoTime();
      http.postJson("/v1/chat/completions", CHAT, "authorization", bearer(key));
      t[i] = (System.nanoTime() - s) / 1_000;
    }
    java.util.Arrays.sort(t);
    return t[n / 2];
  }

  @Test
  void the_system_admin_reads_prometheus_metrics() throws Exception {
    String key = createKey("acme", "app", "").path("key").asText();
    http.postJson("/v1/chat/completions", CHAT, "authorization", bearer(key));
    HttpResponse<String> r = http.get("/admin/metrics", "authorization", bearer(ADMIN));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
    assertThat(r.body())
        .contains("# TYPE gantry_requests_total counter")
        .containsPattern(
            "gantry_requests_total\\{endpoint=\"chat\",[^}]*route=\"m\",status=\"200\"}")
        .contains("gen_ai_server_request_duration_seconds_bucket{");
  }
}
