package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import dev.gantry.store.audit.AuditLog;
import dev.gantry.store.audit.RequestRecord;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Knowledge bases, models and usage are scoped by tenant, route and role; admin input is validated
 * field by field; retrieval without searchable words is a client error, not a crash.
 */
class ScopedResourcesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ADMIN = "scoped-resources-admin-key-0123456789";
  @TempDir static Path dir;
  static Simulator sim;
  static Gateway gateway;
  static HttpTestClient http;

  @BeforeAll
  static void start() throws Exception {
    Path docs = Files.createDirectories(dir.resolve("docs"));
    Files.writeString(
        docs.resolve("payroll.md"),
        "# Payroll\n\nSalaries are paid on the 25th of each month by bank transfer.\n");
    Path open = Files.createDirectories(dir.resolve("open"));
    Files.writeString(
        open.resolve("canteen.md"), "# Canteen\n\nThe canteen opens at noon and closes at two.\n");
    sim = GantryTestKit.simulator();
    String yaml =
        "server: {port: 0}\n"
            + "data_dir: "
            + dir.resolve("data")
            + "\n"
            + "auth: {required: true, cache_ttl: 0s, server_secret:"
            + " scoped-resources-secret-0123456789abcdef}\n"
            + "audit: {enabled: true}\n"
            + "admin: {on_public_listener: true}\n"
            + "knowledge_bases:\n"
            + "  tiny: {sources: ["
            + docs
            + "], tenants: [acme]}\n"
            + "  open: {sources: ["
            + open
            + "]}\n"
            + "providers:\n"
            + "  sim: {type: openai_compatible, base_url: '"
            + sim.baseUrl()
            + "/v1'}\n"
            + "  kb: {type: extractive}\n"
            + "routes:\n"
            + "  ask: {deployments: [{provider: kb, model: extractive}], rag: {kb: tiny}}\n"
            + "  free: {deployments: [{provider: kb, model: extractive}], rag: {kb: open}}\n"
            + "  plain: {deployments: [{provider: sim, model: plain}]}\n";
    gateway =
        Gateway.start(
            GantryTestKit.config(yaml, Map.of()),
            GantryTestKit.options().withEnv(Map.of("GANTRY_ADMIN_KEY", ADMIN)));
    http = new HttpTestClient(gateway.baseUrl());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    sim.close();
  }

  static String key(String tenant, String role, String extra) throws Exception {
    HttpResponse<String> r =
        http.postJson(
            "/admin/keys",
            "{\"tenant\":\"" + tenant + "\",\"role\":\"" + role + "\"" + extra + "}",
            "authorization",
            "Bearer " + ADMIN);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).path("key").asText();
  }

  static int retrieve(String key, String body) {
    return http.postJson("/v1/retrieve", body, "authorization", "Bearer " + key).statusCode();
  }

  static HttpResponse<String> chat(String key, String model, String text) {
    return http.postJson(
        "/v1/chat/completions",
        "{\"model\":\""
            + model
            + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
            + text
            + "\"}]}",
        "authorization",
        "Bearer " + key);
  }

  @Test
  void a_route_scoped_key_reads_only_the_knowledge_bases_of_its_routes() throws Exception {
    String plainOnly = key("acme", "app", ",\"routes\":[\"plain\"]");
    assertThat(retrieve(plainOnly, "{\"kb\":\"tiny\",\"query\":\"salary\"}")).isEqualTo(404);
    assertThat(retrieve(plainOnly, "{\"kb\":\"open\",\"query\":\"canteen\"}")).isEqualTo(404);
    assertThat(retrieve(plainOnly, "{\"model\":\"ask\",\"query\":\"salary\"}")).isEqualTo(403);
    String askOnly = key("acme", "app", ",\"routes\":[\"ask\"]");
    assertThat(retrieve(askOnly, "{\"kb\":\"tiny\",\"query\":\"salary\"}")).isEqualTo(200);
    assertThat(retrieve(askOnly, "{\"model\":\"ask\",\"query\":\"salary\"}")).isEqualTo(200);
    assertThat(retrieve(askOnly, "{\"kb\":\"open\",\"query\":\"canteen\"}")).isEqualTo(404);
  }

  @Test
  void a_knowledge_base_shared_with_some_tenants_is_closed_to_the_others() throws Exception {
    String beta = key("beta", "app", "");
    assertThat(retrieve(beta, "{\"kb\":\"tiny\",\"query\":\"salary\"}")).isEqualTo(404);
    assertThat(retrieve(beta, "{\"model\":\"ask\",\"query\":\"salary\"}")).isEqualTo(403);
    assertThat(chat(beta, "ask", "When are salaries paid?").statusCode()).isEqualTo(403);
    assertThat(retrieve(beta, "{\"kb\":\"open\",\"query\":\"canteen\"}")).isEqualTo(200);
    String acme = key("acme", "app", "");
    assertThat(retrieve(acme, "{\"kb\":\"tiny\",\"query\":\"salary\"}")).isEqualTo(200);
    HttpResponse<String> answer = chat(acme, "ask", "When are salaries paid?");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("25th");
    assertThat(retrieve(ADMIN, "{\"kb\":\"tiny\",\"query\":\"salary\"}")).isEqualTo(200);
  }

  @Test
  void one_model_is_shown_under_the_same_rules_as_the_model_list() throws Exception {
    String operator = key("acme", "operator", "");
    String chatOnly = key("acme", "app", ",\"endpoints\":[\"chat\"]");
    String plainOnly = key("acme", "app", ",\"routes\":[\"plain\"]");
    assertThat(http.get("/v1/models/plain", "authorization", "Bearer " + operator).statusCode())
        .isEqualTo(403);
    assertThat(http.get("/v1/models/plain", "authorization", "Bearer " + chatOnly).statusCode())
        .isEqualTo(403);
    assertThat(http.get("/v1/models/ask", "authorization", "Bearer " + plainOnly).statusCode())
        .isEqualTo(404);
    assertThat(http.get("/v1/models/plain", "authorization", "Bearer " + plainOnly).statusCode())
        .isEqualTo(200);
  }

  @Test
  void a_query_without_letters_or_digits_is_a_400_and_a_rag_question_gets_no_sources()
      throws Exception {
    String acme = key("acme", "app", "");
    for (String q :
        new String[] {
          "\\u0000", "\\u200b\\u200c\\u2060", "\\udbff", "\\udb40\\udc41\\udb40\\udc42", "?!"
        }) {
      HttpResponse<String> r =
          http.postJson(
              "/v1/retrieve",
              "{\"kb\":\"tiny\",\"query\":\"" + q + "\"}",
              "authorization",
              "Bearer " + acme);
      assertThat(r.statusCode()).as(q + " " + r.body()).isEqualTo(400);
      assertThat(JSON.readTree(r.body()).path("error").path("param").asText()).isEqualTo("query");
      HttpResponse<String> c = chat(acme, "ask", q);
      assertThat(c.statusCode()).as(q + " " + c.body()).isLessThan(500);
      if (c.statusCode() == 200) {
        assertThat(JSON.readTree(c.body()).path("gantry_sources").size()).isZero();
      }
    }
  }

  @Test
  void every_admin_body_field_is_validated_with_a_400_naming_it() throws Exception {
    Object[][] cases = {
      {"{\"tenant\":\"\",\"role\":\"app\"}", "tenant"},
      {"{\"tenant\":{},\"role\":\"app\"}", "tenant"},
      {"{\"tenant\":1" + "0".repeat(500) + ",\"role\":\"app\"}", "tenant"},
      {"{\"tenant\":\"has space\",\"role\":\"app\"}", "tenant"},
      {"{\"tenant\":\"acme\",\"role\":\"root\"}", "role"},
      {"{\"tenant\":\"acme\",\"role\":\"app\",\"routes\":[\"\"]}", "routes"},
      {"{\"tenant\":\"acme\",\"role\":\"app\",\"routes\":\"plain\"}", "routes"},
      {"{\"tenant\":\"acme\",\"role\":\"app\",\"endpoints\":[\"nope\"]}", "endpoints"},
      {"{\"tenant\":\"acme\",\"role\":\"app\",\"name\":\"" + "n".repeat(300) + "\"}", "name"},
      {"{\"tenant\":\"acme\",\"role\":\"app\",\"name\":\"a\\nb\"}", "name"},
      {"{\"tenant\":\"acme\",\"role\":\"app\",\"expires_in\":\"99999d\"}", "expires_in"},
      {"{\"tenant\":\"acme\",\"role\":\"app\",\"expires_in\":5}", "expires_in"},
      {"{\"tenant\":\"acme\",\"role\":\"app\",\"admin\":true}", "admin"}
    };
    for (Object[] c : cases) {
      HttpResponse<String> r =
          http.postJson("/admin/keys", (String) c[0], "authorization", "Bearer " + ADMIN);
      assertThat(r.statusCode()).as(c[0] + " -> " + r.body()).isEqualTo(400);
      assertThat(JSON.readTree(r.body()).path("error").path("param").asText())
          .as((String) c[0])
          .isEqualTo(c[1]);
    }
    HttpResponse<String> erase =
        http.postJson("/admin/erase", "{\"customer\":42}", "authorization", "Bearer " + ADMIN);
    assertThat(erase.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(erase.body()).path("error").path("param").asText())
        .isEqualTo("customer");
    assertThat(
            http.get("/admin/usage?tenant=a%20b", "authorization", "Bearer " + ADMIN).statusCode())
        .isEqualTo(400);
  }

  @Test
  void a_developer_sees_only_its_own_tenants_usage_also_in_the_system_tenant() throws Exception {
    chat(key("acme", "app", ""), "plain", "hi");
    String systemDev = key("system", "developer", "");
    JsonNode own =
        JSON.readTree(http.get("/admin/usage", "authorization", "Bearer " + systemDev).body());
    assertThat(own.path("tenant").asText()).isEqualTo("system");
    assertThat(own.path("total").path("requests").asLong()).isZero();
    assertThat(
            http.get("/admin/usage?tenant=acme", "authorization", "Bearer " + systemDev)
                .statusCode())
        .isEqualTo(403);
    JsonNode all =
        JSON.readTree(http.get("/admin/usage", "authorization", "Bearer " + ADMIN).body());
    assertThat(all.path("tenant").isNull()).as(all.toString()).isTrue();
    assertThat(all.path("total").path("requests").asLong()).isPositive();
    String acmeDev = key("acme", "developer", "");
    JsonNode acme =
        JSON.readTree(
            http.get("/admin/usage?group_by=route", "authorization", "Bearer " + acmeDev).body());
    assertThat(acme.path("tenant").asText()).isEqualTo("acme");
    assertThat(acme.path("data").toString()).contains("plain");
  }

  @Test
  void usage_counts_every_request_of_a_large_log() throws Exception {
    AuditLog log = gateway.security().audit();
    int n = 10_050;
    List<CompletableFuture<Long>> pending = new ArrayList<>();
    Instant now = Instant.now();
    java.time.LocalDate today = java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
    for (int i = 0; i < n; i++) {
      pending.add(
          log.append(
              new RequestRecord(
                  now,
                  "bulk-" + i,
                  "bulk",
                  "key_bulk",
                  null,
                  "plain",
                  null,
                  200,
                  "[]",
                  3,
                  2,
                  null,
                  1,
                  null),
              new dev.gantry.store.ledger.SpendEntry(
                  now,
                  today,
                  "bulk-" + i,
                  "bulk",
                  "key_bulk",
                  null,
                  "plain",
                  "sim",
                  "m",
                  null,
                  List.of(),
                  200,
                  3,
                  0,
                  0,
                  2,
                  0,
                  7,
                  "exact",
                  false,
                  false,
                  1,
                  0)));
      if (pending.size() == 2_000) {
        pending.forEach(CompletableFuture::join);
        pending.clear();
      }
    }
    pending.forEach(CompletableFuture::join);
    JsonNode usage =
        JSON.readTree(
            http.get("/admin/usage?tenant=bulk&group_by=route", "authorization", "Bearer " + ADMIN)
                .body());
    JsonNode plain = usage.path("data").get(0);
    assertThat(plain.path("route").asText()).isEqualTo("plain");
    assertThat(plain.path("requests").asLong()).isEqualTo(n);
    assertThat(plain.path("prompt_tokens").asLong()).isEqualTo(3L * n);
    assertThat(usage.path("total").path("cost_usd").asText()).isEqualTo("0.070350");
  }
}
