package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.gantry.core.time.ManualTime;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A soft spend limit of the cost configuration, reached by real requests, becomes an alert: sent to
 * a real HTTP receiver (Gantry's JSON and Slack's format), listed at {@code GET /admin/alerts} (to
 * the system's admins and to the tenant's own, not to another tenant's) and on the dashboard, and
 * resolved when its period ends on the injected clock.
 */
class SoftBudgetAlertsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ADMIN = "bootstrap-admin-key-for-budget-alerts-0123456789";
  static final Instant NOON = Instant.parse("2025-06-02T12:00:00Z");
  static final ManualTime TIME = new ManualTime(NOON);
  static final String ALERT = "budget_tenant_daily_acme";

  /** 31 prompt and 7 answer tokens at USD 5 per million: USD 0.000190 a request. */
  static final String CHAT =
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Please summarise the main"
          + " points of the quarterly report for the finance team, including revenue growth,"
          + " operating costs, the hiring plan and the outlook for next quarter.\"}]}";

  static final BlockingQueue<JsonNode> generic = new LinkedBlockingQueue<>();
  static final BlockingQueue<JsonNode> slack = new LinkedBlockingQueue<>();
  @TempDir static Path dir;
  static HttpServer receiver;
  static Simulator sim;
  static Gateway gateway;
  static HttpTestClient http;

  @BeforeAll
  static void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/generic", ex -> AlertsTest.take(ex, generic));
    receiver.createContext("/slack", ex -> AlertsTest.take(ex, slack));
    receiver.start();
    String hooks = "http://127.0.0.1:" + receiver.getAddress().getPort();
    sim = GantryTestKit.simulator();
    String yaml =
        """
        server: {port: 0}
        data_dir: %s
        auth: {required: true, cache_ttl: 0s, server_secret: budget-alerts-secret-0123456789abcdef}
        admin: {on_public_listener: true}
        providers:
          sim: {type: openai_compatible, base_url: "${SIM_URL}/v1"}
        routes:
          m:
            deployments: [{provider: sim, model: m}]
            budget: {max_output_tokens: 16}
        cost:
          prices: [{provider: sim, model: m, input: 5.00, output: 5.00}]
          limits:
            - {scope: tenant, period: day, soft: 0.001}
        monitoring:
          alerts:
            evaluate_every: 1m
            webhooks:
              - {name: ops, url: "%s/generic"}
              - {name: chat, url: "%s/slack", format: slack}
        """
            .formatted(dir.resolve("data"), hooks, hooks);
    gateway =
        Gateway.start(
            GantryTestKit.config(yaml, sim),
            GantryTestKit.options().withEnv(Map.of("GANTRY_ADMIN_KEY", ADMIN)).withTime(TIME));
    http = new HttpTestClient(gateway.baseUrl());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    sim.close();
    receiver.stop(0);
  }

  static String key(String tenant, String role) throws Exception {
    return Keys.create(http, ADMIN, tenant, role);
  }

  static HttpResponse<String> alerts(String key, String query) {
    return http.get("/admin/alerts?state=all" + query, "authorization", "Bearer " + key);
  }

  static List<String> names(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(a -> out.add(a.path("name").asText()));
    return out;
  }

  static void chat(String key, int n) {
    for (int i = 0; i < n; i++) {
      assertThat(http.postJson("/v1/chat/completions", CHAT, "authorization", "Bearer " + key))
          .extracting(HttpResponse::statusCode)
          .isEqualTo(200);
    }
  }

  /** The dashboard's data as a key logged in to {@code /ui} sees it. */
  static JsonNode dashboard(String key) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> login =
        client.send(
            HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/ui/login"))
                .header("content-type", "application/x-www-form-urlencoded")
                .header("origin", gateway.baseUrl())
                .POST(HttpRequest.BodyPublishers.ofString("key=" + key))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(303);
    String cookie = login.headers().firstValue("set-cookie").orElseThrow().split(";", 2)[0];
    HttpResponse<String> data =
        client.send(
            HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/ui/api/dashboard?range=1h"))
                .header("cookie", cookie)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(data.statusCode()).as(data.body()).isEqualTo(200);
    return JSON.readTree(data.body());
  }

  @Test
  void a_soft_limit_reached_fires_an_alert_seen_by_its_tenant_only_and_resolved_next_period()
      throws Exception {
    String acmeApp = key("acme", "app");
    String acmeAdmin = key("acme", "admin");
    String acmeDeveloper = key("acme", "developer");
    String globexAdmin = key("globex", "admin");
    String globexApp = key("globex", "app");

    // USD 0.001 soft / USD 0.000190 a request: not reached after 4 requests, nor by another tenant.
    chat(acmeApp, 4);
    chat(globexApp, 4);
    assertThat(names(JSON.readTree(alerts(ADMIN, "").body()).path("data"))).doesNotContain(ALERT);
    chat(acmeApp, 4);

    JsonNode fired = AlertsTest.next(generic);
    assertThat(fired.path("status").asText()).isEqualTo("firing");
    assertThat(fired.path("alert").asText()).isEqualTo(ALERT);
    assertThat(fired.path("severity").asText()).isEqualTo("warning");
    assertThat(fired.path("labels").path("tenant").asText()).isEqualTo("acme");
    assertThat(fired.path("labels").path("code").asText()).isEqualTo("tenant_daily");
    assertThat(Instant.parse(fired.path("at").asText())).isEqualTo(NOON);
    assertThat(AlertsTest.next(slack).path("text").asText()).contains("FIRING").contains(ALERT);

    JsonNode all = JSON.readTree(alerts(ADMIN, "").body());
    JsonNode budget = all.path("data").get(names(all.path("data")).indexOf(ALERT));
    assertThat(budget.path("kind").asText()).isEqualTo("budget");
    assertThat(budget.path("state").asText()).isEqualTo("firing");
    assertThat(budget.path("threshold").asDouble()).isEqualTo(0.001);
    assertThat(budget.path("value").asDouble()).isBetween(0.001, 0.0015);
    assertThat(budget.path("summary").asText())
        .contains("tenant_daily", "USD 0.001000", "until 2025-06-03T00:00:00Z");

    // The tenant's admin sees its own alert; another tenant's admin sees none and may not ask.
    JsonNode acme = JSON.readTree(alerts(acmeAdmin, "").body());
    assertThat(names(acme.path("data"))).containsExactly(ALERT);
    assertThat(acme.has("webhooks")).isFalse();
    JsonNode globex = JSON.readTree(alerts(globexAdmin, "").body());
    assertThat(globex.path("data")).isEmpty();
    assertThat(globex.path("history")).isEmpty();
    assertThat(alerts(globexAdmin, "&tenant=acme").statusCode()).isEqualTo(403);
    assertThat(alerts(acmeDeveloper, "").statusCode()).isEqualTo(403);
    assertThat(alerts(acmeApp, "").statusCode()).isEqualTo(403);
    assertThat(names(JSON.readTree(alerts(ADMIN, "&tenant=globex").body()).path("data"))).isEmpty();
    assertThat(names(JSON.readTree(alerts(ADMIN, "&tenant=acme").body()).path("data")))
        .containsExactly(ALERT);

    assertThat(names(dashboard(ADMIN).path("alerts"))).contains(ALERT);
    assertThat(names(dashboard(acmeAdmin).path("alerts"))).containsExactly(ALERT);
    assertThat(dashboard(globexAdmin).path("alerts")).isEmpty();

    // The period ends at midnight UTC; the alert resolves at the first evaluation then.
    TIME.advance(Duration.ofHours(12));
    JsonNode resolved = AlertsTest.next(generic);
    assertThat(resolved.path("status").asText()).isEqualTo("resolved");
    assertThat(resolved.path("alert").asText()).isEqualTo(ALERT);
    assertThat(Instant.parse(resolved.path("at").asText()))
        .isEqualTo(Instant.parse("2025-06-03T00:00:00Z"));
    assertThat(AlertsTest.next(slack).path("text").asText()).contains("RESOLVED");
    JsonNode after = JSON.readTree(alerts(acmeAdmin, "").body());
    assertThat(after.path("data").get(0).path("state").asText()).isEqualTo("inactive");
    assertThat(after.path("history").get(0).path("status").asText()).isEqualTo("resolved");
    assertThat(generic).isEmpty();
  }
}
