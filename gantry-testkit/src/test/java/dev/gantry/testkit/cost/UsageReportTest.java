package dev.gantry.testkit.cost;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import dev.gantry.store.ledger.SpendEntry;
import dev.gantry.store.ledger.SpendLedger;
import dev.gantry.testkit.GantryTestKit;
import dev.gantry.testkit.HttpTestClient;
import dev.gantry.testkit.ManualClock;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attribution and forecasting over the admin API, on a ledger filled with eight weeks of synthetic
 * spend with a known trend and weekly pattern, seen from a manual clock.
 */
class UsageReportTest {
  static final String ADMIN = "bootstrap-admin-key-for-usage-tests-0123";
  static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z"); // a Sunday
  @TempDir static Path dir;
  static Simulator sim;
  static Gateway gateway;
  static HttpTestClient http;
  static String developer;

  /** Acme's true daily spend in micro-USD: 20,000 rising by 500 a day, weekends at a third. */
  static long acmeDay(LocalDate day) {
    long base = 20_000 + 500L * (day.toEpochDay() - LocalDate.of(2025, 4, 20).toEpochDay());
    return day.getDayOfWeek().getValue() >= 6 ? base / 3 : base;
  }

  @BeforeAll
  static void start() {
    sim = GantryTestKit.simulator();
    String yaml =
        "data_dir: "
            + dir
            + "\nauth: {required: true, cache_ttl: 0s, server_secret:"
            + " server-secret-for-usage-tests-0123456789}\n"
            + "audit: {enabled: true}\nadmin: {on_public_listener: true}\n"
            + """
            providers:
              sim: {type: openai_compatible, base_url: "${SIM_URL}/v1"}
            routes:
              m: {deployments: [{provider: sim, model: m}]}
            cost:
              prices: [{provider: sim, model: m, input: 1.00, output: 1.00}]
              limits:
                - {scope: tenant, match: acme, period: month, hard: 1.50, soft: 0.80}
            """;
    gateway =
        Gateway.start(
            GantryTestKit.config(yaml, sim),
            GantryTestKit.options()
                .withClock(new ManualClock(NOW))
                .withEnv(Map.of("GANTRY_ADMIN_KEY", ADMIN, "SIM_URL", sim.baseUrl())));
    http = new HttpTestClient(gateway.baseUrl());
    SpendLedger ledger = gateway.security().store().ledger();
    List<CompletableFuture<Long>> writes = new ArrayList<>();
    LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
    for (LocalDate d = LocalDate.of(2025, 4, 20); d.isBefore(today); d = d.plusDays(1)) {
      long total = acmeDay(d);
      writes.add(ledger.append(entry(d, "acme", "bob", "gpt-big", total * 3 / 4, "team:a")));
      writes.add(ledger.append(entry(d, "acme", "eve", "gpt-small", total - total * 3 / 4)));
      writes.add(ledger.append(entry(d, "zeta", "zed", "gpt-small", 1_000)));
    }
    writes.forEach(CompletableFuture::join);
    developer =
        Json.tryParse(
                http.postJson(
                        "/admin/keys",
                        "{\"tenant\":\"zeta\",\"role\":\"developer\"}",
                        "authorization",
                        "Bearer " + ADMIN)
                    .body()
                    .getBytes(StandardCharsets.UTF_8))
            .path("key")
            .asText();
  }

  static SpendEntry entry(
      LocalDate day, String tenant, String customer, String model, long cost, String... tags) {
    return new SpendEntry(
        day.atTime(10, 0).toInstant(ZoneOffset.UTC),
        day,
        "req-" + tenant + customer + day,
        tenant,
        "key_" + tenant,
        customer,
        "m",
        "sim",
        model,
        null,
        List.of(tags),
        200,
        1000,
        100,
        0,
        50,
        0,
        cost,
        "exact",
        false,
        false,
        1,
        0);
  }

  @AfterAll
  static void stop() {
    gateway.close();
    sim.close();
  }

  static JsonNode get(String path, String key) {
    HttpResponse<String> r = http.get(path, "authorization", "Bearer " + key);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.tryParse(r.body().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void groups_usage_by_customer_and_model_and_answers_csv() {
    JsonNode r =
        get(
            "/admin/usage?tenant=acme&group_by=customer,model&from=2025-06-01&to=2025-06-15",
            ADMIN);
    assertThat(r.path("data")).hasSize(2);
    long june = 0;
    for (LocalDate d = LocalDate.of(2025, 6, 1);
        d.isBefore(LocalDate.of(2025, 6, 15));
        d = d.plusDays(1)) {
      june += acmeDay(d);
    }
    assertThat(dev.gantry.core.cost.Usd.parse(r.path("total").path("cost_usd").asText()))
        .isEqualTo(june);
    assertThat(r.path("data").get(0).path("customer").asText()).isEqualTo("bob");
    assertThat(r.path("data").get(0).path("requests").asLong()).isEqualTo(14);

    HttpResponse<String> csv =
        http.get(
            "/admin/usage?tenant=acme&group_by=month,tag&from=2025-05-01&format=csv",
            "authorization",
            "Bearer " + ADMIN);
    assertThat(csv.headers().firstValue("content-type").orElse("")).startsWith("text/csv");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.get(0)).startsWith("month,tag,requests,prompt_tokens,");
    assertThat(lines).anyMatch(l -> l.startsWith("2025-06,team:a,14,"));
  }

  @Test
  void a_tenant_sees_only_its_own_usage() {
    JsonNode own = get("/admin/usage?group_by=tenant", developer);
    assertThat(own.path("data"))
        .singleElement()
        .satisfies(row -> assertThat(row.path("tenant").asText()).isEqualTo("zeta"));
    assertThat(
            http.get("/admin/usage?tenant=acme", "authorization", "Bearer " + developer)
                .statusCode())
        .isEqualTo(403);
    assertThat(
            http.get("/admin/usage?group_by=nonsense", "authorization", "Bearer " + ADMIN)
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void forecasts_the_month_and_the_day_a_limit_will_be_crossed() {
    JsonNode f = get("/admin/usage/forecast?tenant=acme", ADMIN).path("data").get(0);
    assertThat(f.path("method").asText()).startsWith("Holt-Winters additive with weekly");
    long trueMonth = 0;
    LocalDate crossing = null;
    for (LocalDate d = LocalDate.of(2025, 6, 1);
        d.isBefore(LocalDate.of(2025, 7, 1));
        d = d.plusDays(1)) {
      trueMonth += acmeDay(d);
      if (crossing == null && trueMonth >= 800_000L) {
        crossing = d;
      }
    }
    long forecast = dev.gantry.core.cost.Usd.parse(f.path("forecast_month_usd").asText());
    assertThat((double) forecast)
        .isCloseTo((double) trueMonth, org.assertj.core.data.Percentage.withPercentage(5));
    long low = dev.gantry.core.cost.Usd.parse(f.path("interval_95_usd").get(0).asText());
    long high = dev.gantry.core.cost.Usd.parse(f.path("interval_95_usd").get(1).asText());
    assertThat(trueMonth).isBetween(low, high);
    JsonNode limits = f.path("limits");
    assertThat(limits).hasSize(2);
    JsonNode hard = limits.get(0);
    assertThat(hard.path("code").asText()).isEqualTo("tenant_monthly");
    assertThat(hard.path("crosses_on").isNull())
        .as("USD 1.50 is more than the month will cost (about USD 1.16)")
        .isTrue();
    assertThat(hard.path("probability").asDouble()).isLessThan(0.05);
    JsonNode softLimit = limits.get(1);
    assertThat(softLimit.path("kind").asText()).isEqualTo("soft");
    assertThat(LocalDate.parse(softLimit.path("crosses_on").asText()))
        .as("true crossing %s", crossing)
        .isBetween(crossing.minusDays(2), crossing.plusDays(2));
    assertThat(softLimit.path("probability").asDouble()).isGreaterThan(0.95);
  }

  @Test
  void metrics_count_spend_and_tokens_by_class() {
    HttpResponse<String> chat =
        http.postJson(
            "/v1/chat/completions",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            "authorization",
            "Bearer " + ADMIN);
    assertThat(chat.statusCode()).isEqualTo(200);
    String metrics = http.get("/admin/metrics", "authorization", "Bearer " + ADMIN).body();
    assertThat(metrics)
        .contains("# TYPE gantry_cost_micro_usd_total counter")
        .contains("gantry_cost_micro_usd_total{model=\"m\",provider=\"sim\",route=\"m\",tier=\"\"}")
        .contains("gantry_tokens_total{class=\"output\",route=\"m\"}")
        .contains("gantry_cost_requests_total{cost_status=\"exact\",route=\"m\"}");
  }
}
