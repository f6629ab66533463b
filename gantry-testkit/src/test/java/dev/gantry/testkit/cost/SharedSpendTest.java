package dev.gantry.testkit.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.api.Json;
import dev.gantry.core.cost.Usd;
import dev.gantry.core.time.ManualTime;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import dev.gantry.testkit.GantryTestKit;
import dev.gantry.testkit.HttpTestClient;
import dev.gantry.testkit.ManualClock;
import dev.gantry.testkit.RedisAndSimulator;
import dev.gantry.testkit.RedisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spend reservations shared by two gateways through one real Redis server: each gateway has its own
 * ledger (so neither sees the other's spend there), yet together they never overshoot a hard spend
 * limit by more than one request; with Redis gone, {@code fail_closed} refuses with 503 {@code
 * spend_unavailable} and {@code fail_open} falls back to the replica's own reservations, and both
 * return to Redis when it answers again.
 */
class SharedSpendTest {
  static Simulator sim;
  static RedisServer redis;
  static RedisAndSimulator env;

  @BeforeAll
  static void start() {
    env = RedisAndSimulator.start(null);
    sim = env.sim();
    redis = env.redis();
  }

  @AfterAll
  static void stop() {
    if (env != null) {
      env.close();
    }
  }

  static String yaml(Path data, String limitUsd, String onFailure) {
    return yaml(data, limitUsd, onFailure, "");
  }

  /**
   * @param limits a {@code limits} section, or "" for none
   */
  static String yaml(Path data, String limitUsd, String onFailure, String limits) {
    return """
        server: {request_timeout: 30s}
        data_dir: %s
        audit: {enabled: true}
        providers:
          sim: {type: openai_compatible, base_url: "${SIM_URL}/v1", max_connections: 256}
        routes:
          m:
            deployments: [{provider: sim, model: m}]
            budget: {max_output_tokens: 16}
        cost:
          prices: [{provider: sim, model: m, input: 5.00, output: 5.00}]
          limits:
            - {scope: customer, period: day, hard: %s}
        redis: {url: "%s", on_failure: %s, expected_replicas: 2, timeout: 2s}
        %s
        """
        .formatted(data, limitUsd, redis.url(), onFailure, limits);
  }

  static Gateway start(Path data, String limitUsd, String onFailure, ManualTime ticker) {
    return start(data, limitUsd, onFailure, ticker, "");
  }

  static Gateway start(
      Path data, String limitUsd, String onFailure, ManualTime ticker, String limits) {
    ManualClock clock = new ManualClock(SpendLimitsTest.NOON);
    var options = GantryTestKit.options().withClock(clock);
    if (ticker != null) {
      options = options.withTicker(ticker);
    }
    return Gateway.start(
        GantryTestKit.config(yaml(data, limitUsd, onFailure, limits), sim), options);
  }

  @Test
  void two_gateways_on_one_redis_never_overspend_a_hard_limit_together(@TempDir Path dir) {
    try (Gateway a = start(dir.resolve("a"), "0.010", "fail_closed", null);
        Gateway b = start(dir.resolve("b"), "0.010", "fail_closed", null)) {
      burstNeverOverspends(a, b, "alice", "spend reserved by the spend stage");
    }
  }

  /**
   * With rate limits too, each request's spend is reserved in the same script as its rate limits,
   * at admission: the limit holds across replicas all the same.
   */
  @Test
  void two_gateways_reserving_spend_with_the_rate_limits_never_overspend_a_hard_limit_together(
      @TempDir Path dir) {
    String rate = "limits: {rate: [{scope: customer, rpm: 100000, tpm: 100000000}]}";
    try (Gateway a = start(dir.resolve("a"), "0.010", "fail_closed", null, rate);
        Gateway b = start(dir.resolve("b"), "0.010", "fail_closed", null, rate)) {
      burstNeverOverspends(a, b, "amir", "spend reserved with the rate limits");
    }
  }

  /**
   * One answer from each replica, then 158 concurrent requests alternating between them: together
   * they spend no more than the limit plus one request.
   */
  static void burstNeverOverspends(Gateway a, Gateway b, String customer, String label) {
    long limit = Usd.parse("0.010");
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    // one answer from each replica first, so that both have spent whichever wins the burst
    List<HttpResponse<String>> answers = new ArrayList<>();
    for (Gateway gw : List.of(a, b)) {
      HttpResponse<String> first = send(client, gw, customer).join();
      assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
      answers.add(first);
    }
    List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
    for (int i = 0; i < 158; i++) {
      all.add(send(client, i % 2 == 0 ? a : b, customer));
    }
    all.stream().map(CompletableFuture::join).forEach(answers::add);
    long ok = answers.stream().filter(r -> r.statusCode() == 200).count();
    long refused = answers.stream().filter(r -> r.statusCode() == 429).count();
    long largest =
        answers.stream()
            .filter(r -> r.statusCode() == 200)
            .mapToLong(r -> Usd.parse(r.headers().firstValue("x-gantry-cost-usd").orElseThrow()))
            .max()
            .orElse(0);
    long together = SpendLimitsTest.spent(a, customer) + SpendLimitsTest.spent(b, customer);
    System.out.printf(
        "two replicas on one Redis (%s): 2 requests, then 158 concurrent ones, %d answered, %d"
            + " refused; spent USD %s of a USD %s limit (largest single request USD %s)%n",
        label, ok, refused, Usd.format(together), Usd.format(limit), Usd.format(largest));
    assertThat(ok + refused).isEqualTo(160);
    // each replica alone would admit up to the limit on its own ledger: together, twice that
    assertThat(ok).isGreaterThanOrEqualTo(10);
    assertThat(SpendLimitsTest.spent(a, customer)).isPositive();
    assertThat(SpendLimitsTest.spent(b, customer)).isPositive();
    assertThat(together)
        .as("never more than one request over the limit across both replicas")
        .isLessThanOrEqualTo(limit + largest);
  }

  static CompletableFuture<HttpResponse<String>> send(
      HttpClient client, Gateway gw, String customer) {
    return client.sendAsync(
        HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/v1/chat/completions"))
            .header("content-type", "application/json")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(SpendLimitsTest.body(customer)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void fail_closed_refuses_with_503_while_redis_is_down_then_recovers(@TempDir Path dir)
      throws Exception {
    ManualTime time = new ManualTime();
    try (Gateway gw = start(dir, "1.00", "fail_closed", time)) {
      HttpTestClient http = new HttpTestClient(gw.baseUrl());
      assertThat(http.postJson("/v1/chat/completions", SpendLimitsTest.body("dan")).statusCode())
          .isEqualTo(200);
      redis.stop();
      try {
        HttpResponse<String> down =
            http.postJson("/v1/chat/completions", SpendLimitsTest.body("dan"));
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(Json.MAPPER.readTree(down.body()).at("/error/code").asText())
            .isEqualTo("spend_unavailable");
        assertThat(gw.costs().sharedSpend().up()).isFalse();
      } finally {
        redis.startAgain();
      }
      assertThat(recovers(gw, http, time, "dan")).isTrue();
    }
  }

  @Test
  void fail_open_reserves_in_the_replica_while_redis_is_down_then_recovers(@TempDir Path dir) {
    ManualTime time = new ManualTime();
    try (Gateway gw = start(dir, "1.00", "fail_open", time)) {
      HttpTestClient http = new HttpTestClient(gw.baseUrl());
      redis.stop();
      try {
        assertThat(http.postJson("/v1/chat/completions", SpendLimitsTest.body("erin")).statusCode())
            .isEqualTo(200);
        assertThat(gw.costs().sharedSpend().fallbackReservations()).isEqualTo(1);
        assertThat(gw.costs().sharedSpend().failures()).isPositive();
      } finally {
        redis.startAgain();
      }
      assertThat(recovers(gw, http, time, "erin")).isTrue();
    }
  }

  /** Moves the ticker past the probe interval until a reservation goes to Redis again. */
  static boolean recovers(Gateway gw, HttpTestClient http, ManualTime time, String customer) {
    for (int i = 0; i < 100; i++) {
      time.advance(Duration.ofSeconds(2));
      if (http.postJson("/v1/chat/completions", SpendLimitsTest.body(customer)).statusCode() == 200
          && gw.costs().sharedSpend().up()) {
        return true;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
    }
    return false;
  }
}
