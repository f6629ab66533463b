package dev.gantry.testkit.cost;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import dev.gantry.core.cost.Usd;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.SpendLimitWarning;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import dev.gantry.store.ledger.Dimension;
import dev.gantry.store.ledger.SpendQuery;
import dev.gantry.testkit.GantryTestKit;
import dev.gantry.testkit.HttpTestClient;
import dev.gantry.testkit.ManualClock;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spend limits hold under concurrency: many requests at once against a hard limit, on SQLite and on
 * PostgreSQL; the refusal's shape; the durable ledger across a restart; the next period; the soft
 * limit's one event.
 */
class SpendLimitsTest {
  static final Instant NOON = Instant.parse("2025-06-02T12:00:00Z");

  /**
   * 31 prompt and 7 answer tokens: 38 x USD 5 per million = USD 0.000190 a request, reserved as
   * about USD 0.000300 (the input counted by Gantry plus 10%, and the 16-token output cap).
   */
  static final String QUESTION =
      "Please summarise the main points of the quarterly report for the finance team, including"
          + " revenue growth, operating costs, the hiring plan and the outlook for next quarter.";

  static Simulator sim = GantryTestKit.simulator();
  static EmbeddedPostgres postgres;

  @TempDir Path dir;

  @AfterAll
  static void stop() throws IOException {
    sim.close();
    if (postgres != null) {
      postgres.close();
    }
  }

  static synchronized String postgresUrl() throws Exception {
    if (postgres == null) {
      postgres = EmbeddedPostgres.builder().start();
    }
    String name = "spend_" + System.nanoTime();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    return postgres.getJdbcUrl("postgres", name);
  }

  String yaml(String storage, String limitUsd) {
    return yaml(storage, limitUsd, null);
  }

  String yaml(String storage, String limitUsd, String softUsd) {
    return """
        server: {request_timeout: 30s}
        data_dir: %s
        audit: {enabled: true}
        %s
        providers:
          sim: {type: openai_compatible, base_url: "${SIM_URL}/v1", max_connections: 256}
        routes:
          m:
            deployments: [{provider: sim, model: m}]
            budget: {max_output_tokens: 16}
        cost:
          prices: [{provider: sim, model: m, input: 5.00, output: 5.00}]
          limits:
            - {scope: customer, period: day, hard: %s%s}
        """
        .formatted(
            dir.resolve("data"), storage, limitUsd, softUsd == null ? "" : ", soft: " + softUsd);
  }

  Gateway start(String yaml, ManualClock clock, EventBus events) {
    return Gateway.start(
        GantryTestKit.config(yaml, sim),
        GantryTestKit.options().withClock(clock).withEvents(events));
  }

  static String body(String customer) {
    return "{\"model\":\"m\",\"user\":\""
        + customer
        + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
        + QUESTION
        + "\"}]}";
  }

  static List<HttpResponse<String>> fire(Gateway gateway, String customer, int n) {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(
          client.sendAsync(
              HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                  .header("content-type", "application/json")
                  .timeout(Duration.ofSeconds(60))
                  .POST(HttpRequest.BodyPublishers.ofString(body(customer)))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    }
    return all.stream().map(CompletableFuture::join).toList();
  }

  static long spent(Gateway gateway, String customer) {
    return gateway
        .security()
        .store()
        .ledger()
        .spent(
            new SpendQuery(
                Dimension.CUSTOMER,
                "default",
                customer,
                Instant.parse("2025-06-02T00:00:00Z"),
                Instant.parse("2025-06-03T00:00:00Z")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void two_hundred_concurrent_requests_never_overspend_a_hard_limit(String db) throws Exception {
    String storage = db.equals("sqlite") ? "" : "storage: {url: \"" + postgresUrl() + "\"}";
    long limit = Usd.parse("0.015");
    ManualClock clock = new ManualClock(NOON);
    List<HttpResponse<String>> answers;
    long ledger;
    try (Gateway gateway = start(yaml(storage, "0.015"), clock, new EventBus())) {
      answers = fire(gateway, "alice", 200);
      ledger = spent(gateway, "alice");
    }
    long ok = answers.stream().filter(r -> r.statusCode() == 200).count();
    long refused = answers.stream().filter(r -> r.statusCode() == 429).count();
    long headerSum =
        answers.stream()
            .filter(r -> r.statusCode() == 200)
            .mapToLong(r -> Usd.parse(r.headers().firstValue("x-gantry-cost-usd").orElseThrow()))
            .sum();
    long largest =
        answers.stream()
            .filter(r -> r.statusCode() == 200)
            .mapToLong(r -> Usd.parse(r.headers().firstValue("x-gantry-cost-usd").orElseThrow()))
            .max()
            .orElse(0);
    System.out.printf(
        "%s: 200 concurrent requests, %d answered, %d refused; spent USD %s of a USD %s limit"
            + " (largest single request USD %s)%n",
        db, ok, refused, Usd.format(ledger), Usd.format(limit), Usd.format(largest));
    assertThat(ok + refused).isEqualTo(200);
    // How many get in depends on how many reservations overlap (a loaded machine serialises more
    // of them); the invariant is the spend, checked below.
    assertThat(ok).isGreaterThanOrEqualTo(20L);
    assertThat(ledger).as("the ledger adds up the answers' costs").isEqualTo(headerSum);
    assertThat(ledger)
        .as("never more than one request over the limit")
        .isLessThanOrEqualTo(limit + largest);
    assertThat(ledger)
        .as("and here, since no answer cost more than reserved, not at all")
        .isLessThanOrEqualTo(limit);
  }

  @Test
  void a_refusal_names_the_limit_and_its_reset_and_survives_a_restart() {
    ManualClock clock = new ManualClock(NOON);
    String yaml = yaml("", "0.001");
    HttpResponse<String> refused;
    try (Gateway gateway = start(yaml, clock, new EventBus())) {
      HttpTestClient http = new HttpTestClient(gateway.baseUrl());
      for (int i = 0; i < 4; i++) {
        assertThat(http.postJson("/v1/chat/completions", body("bob")).statusCode()).isEqualTo(200);
      }
      refused = http.postJson("/v1/chat/completions", body("bob"));
      assertThat(http.postJson("/v1/chat/completions", body("carol")).statusCode())
          .as("every customer has a limit of its own")
          .isEqualTo(200);
    }
    assertThat(refused.statusCode()).isEqualTo(429);
    JsonNode error = Json.tryParse(refused.body().getBytes(StandardCharsets.UTF_8)).path("error");
    assertThat(error.path("type").asText()).isEqualTo("budget_exceeded");
    assertThat(error.path("code").asText()).isEqualTo("customer_daily");
    assertThat(error.path("message").asText())
        .contains("daily spend limit of USD 0.001000", "customer 'bob'", "2025-06-03T00:00:00Z");
    assertThat(refused.headers().firstValue("retry-after")).contains("43200");

    try (Gateway again = start(yaml, clock, new EventBus())) {
      HttpTestClient http = new HttpTestClient(again.baseUrl());
      assertThat(http.postJson("/v1/chat/completions", body("bob")).statusCode())
          .as("the spend is durable: a restarted gateway still refuses")
          .isEqualTo(429);
      clock.advance(Duration.ofHours(12));
      assertThat(http.postJson("/v1/chat/completions", body("bob")).statusCode())
          .as("a new day, a new budget")
          .isEqualTo(200);
    }
  }

  @Test
  void a_soft_limit_publishes_one_warning_per_period() {
    ManualClock clock = new ManualClock(NOON);
    List<SpendLimitWarning> warnings = new CopyOnWriteArrayList<>();
    EventBus events = new EventBus();
    events.subscribe(SpendLimitWarning.class, warnings::add);
    try (Gateway gateway = start(yaml("", "1.00", "0.004"), clock, events)) {
      HttpTestClient http = new HttpTestClient(gateway.baseUrl());
      // USD 0.004 soft / USD 0.000190 a request: crossed by the 22nd request
      for (int i = 0; i < 30; i++) {
        assertThat(http.postJson("/v1/chat/completions", body("dan")).statusCode()).isEqualTo(200);
      }
      assertThat(warnings).hasSize(1);
      assertThat(warnings.get(0).code()).isEqualTo("customer_daily");
      assertThat(warnings.get(0).spentMicros()).isBetween(4_000L, 4_300L);
      clock.advance(Duration.ofDays(1));
      for (int i = 0; i < 25; i++) {
        assertThat(http.postJson("/v1/chat/completions", body("dan")).statusCode()).isEqualTo(200);
      }
      assertThat(warnings).hasSize(2);
    }
  }

  @Test
  void tags_are_attributed_capped_and_limited() throws Exception {
    ManualClock clock = new ManualClock(NOON);
    String yaml =
        yaml("", "1.00")
            .replace(
                "limits:\n",
                "max_tags: 2\n  limits:\n    - {scope: tag, match: \"team:x\", period: month,"
                    + " hard: 0.0005}\n");
    try (Gateway gateway = start(yaml, clock, new EventBus())) {
      HttpTestClient http = new HttpTestClient(gateway.baseUrl());
      assertThat(
              http.postJson("/v1/chat/completions", body("e"), "x-gantry-tags", "team:x,app:web")
                  .statusCode())
          .isEqualTo(200);
      assertThat(
              http.postJson("/v1/chat/completions", body("e"), "x-gantry-tags", "team:x,app:web")
                  .statusCode())
          .isEqualTo(200);
      HttpResponse<String> third =
          http.postJson("/v1/chat/completions", body("e"), "x-gantry-tags", "team:x");
      assertThat(third.statusCode()).isEqualTo(429);
      assertThat(third.body()).contains("\"code\":\"tag_monthly\"");
      assertThat(
              http.postJson("/v1/chat/completions", body("e"), "x-gantry-tags", "team:y")
                  .statusCode())
          .isEqualTo(200);
      HttpResponse<String> bad =
          http.postJson("/v1/chat/completions", body("e"), "x-gantry-tags", "a,b,c");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("invalid_tags", "at most 2 tags");
      assertThat(
              http.postJson("/v1/chat/completions", body("e"), "x-gantry-tags", "bad tag!")
                  .statusCode())
          .isEqualTo(400);
    }
  }
}
