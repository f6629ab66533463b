package dev.gantry.testkit.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.api.Json;
import dev.gantry.core.time.ManualTime;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import dev.gantry.testkit.GantryTestKit;
import dev.gantry.testkit.HttpTestClient;
import dev.gantry.testkit.ManualClock;
import dev.gantry.testkit.RedisAndSimulator;
import dev.gantry.testkit.RedisServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a request under rate limits and a spend limit shared through a real Redis costs in Redis
 * round trips: one before its upstream call (the rate limits and the spend reservation in one
 * script), and the two settlements after the answer, which the answer does not wait for. Redis
 * counts the scripts it ran ({@code INFO commandstats}); the simulator answers after 300 ms, so the
 * count taken when it has the request is what the request did before its upstream call.
 */
class RedisRoundTripsTest {
  static final Instant NOON = Instant.parse("2025-06-02T12:00:00Z");
  static Simulator sim;
  static RedisServer redis;
  static RedisAndSimulator env;

  @BeforeAll
  static void start() {
    env = RedisAndSimulator.start("latency: {ttft: {dist: fixed, ms: 300}}\n");
    sim = env.sim();
    redis = env.redis();
  }

  @AfterAll
  static void stop() {
    if (env != null) {
      env.close();
    }
  }

  static Gateway gateway(Path dir, int rpm, String route) {
    return gateway(dir, rpm, route, "fail_closed");
  }

  static Gateway gateway(Path dir, int rpm, String route, String onFailure) {
    return gateway(dir, rpm, route, onFailure, null);
  }

  static Gateway gateway(Path dir, int rpm, String route, String onFailure, ManualTime ticker) {
    String yaml =
        """
        server: {request_timeout: 30s}
        data_dir: %s
        audit: {enabled: true}
        providers:
          sim: {type: openai_compatible, base_url: "${SIM_URL}/v1", max_connections: 64}
        routes:
          m:
            deployments: [{provider: sim, model: m}]
            budget: {max_output_tokens: 16}
        %s
        cost:
          prices: [{provider: sim, model: m, input: 5.00, output: 5.00}]
          limits:
            - {scope: customer, period: day, hard: 1.00}
        limits:
          rate: [{scope: customer, rpm: %d, tpm: 1000000}]
          queue: {max_depth: 0}
        redis: {url: "%s", on_failure: %s, expected_replicas: 2, timeout: 5s}
        """
            .formatted(dir.resolve("data"), route, rpm, redis.url(), onFailure);
    var options = GantryTestKit.options().withClock(new ManualClock(NOON));
    return Gateway.start(
        GantryTestKit.config(yaml, sim), ticker == null ? options : options.withTicker(ticker));
  }

  static String body(String model, String customer, String question) {
    return "{\"model\":\""
        + model
        + "\",\"user\":\""
        + customer
        + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
        + question
        + "\"}]}";
  }

  static String body(String customer) {
    return body("m", customer, "What is the capital of France?");
  }

  /** The scripts Redis has run since its statistics were reset. */
  static long scripts() {
    return redis.calls("evalsha") + redis.calls("eval");
  }

  /** The Redis hash of a customer's spend counter today (at {@link #NOON}). */
  static String counter(String customer) {
    return "gantry:sp:spend:customer:default:" + customer + ":day@2025-06-02T00:00:00Z";
  }

  static long reserved(String customer) {
    String v = redis.command("HGET", counter(customer), "reserved");
    return v == null ? 0 : Long.parseLong(v);
  }

  /** Settled and reserved totals plus one field per reservation held. */
  static long fields(String customer) {
    return Long.parseLong(redis.command("HLEN", counter(customer)));
  }

  /** Sends a request and returns once the simulator has it (the request's upstream call). */
  static CompletableFuture<HttpResponse<String>> untilUpstream(HttpTestClient http, String json) {
    int before = sim.received().size();
    CompletableFuture<HttpResponse<String>> answer =
        http.postJsonAsync("/v1/chat/completions", json);
    assertThat(eventually(() -> sim.received().size() > before || answer.isDone())).isTrue();
    return answer;
  }

  static boolean eventually(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(2_000_000L);
    }
    return true;
  }

  @Test
  void concurrent_requests_share_one_redis_connection_per_event_loop(@TempDir Path dir) {
    try (Gateway gw = gateway(dir, 1000, "")) {
      HttpTestClient http = new HttpTestClient(gw.baseUrl());
      List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        answers.add(http.postJsonAsync("/v1/chat/completions", body("cid-" + (i % 5))));
      }
      for (CompletableFuture<HttpResponse<String>> a : answers) {
        assertThat(a.join().statusCode()).isEqualTo(200);
      }
      // the gateway's event loops, one connection shared by other threads, and the asking one
      assertThat(redis.connectedClients())
          .isLessThanOrEqualTo(Runtime.getRuntime().availableProcessors() + 2L);
    }
  }

  @Test
  void a_request_under_rate_and_spend_limits_makes_one_round_trip_before_its_upstream_call(
      @TempDir Path dir) {
    try (Gateway gw = gateway(dir, 1000, "")) {
      HttpTestClient http = new HttpTestClient(gw.baseUrl());
      // the first request loads the scripts and the spend counter's baseline
      assertThat(http.postJson("/v1/chat/completions", body("ann")).statusCode()).isEqualTo(200);
      assertThat(eventually(() -> reserved("ann") == 0)).isTrue();
      redis.command("CONFIG", "RESETSTAT");

      CompletableFuture<HttpResponse<String>> answer = untilUpstream(http, body("ann"));
      long before = scripts();
      assertThat(answer.join().statusCode()).isEqualTo(200);
      assertThat(before).as("scripts run before the upstream call").isEqualTo(1);
      // after the answer: the rate limits' release and the spend settlement
      assertThat(eventually(() -> scripts() == 3)).as("settled after the answer").isTrue();
      assertThat(reserved("ann")).isZero();
      assertThat(fields("ann")).as("settled and reserved, no reservation left").isEqualTo(2);
    }
  }

  @Test
  void the_answer_does_not_wait_for_the_settlements(@TempDir Path dir) {
    try (Gateway gw = gateway(dir, 1000, "")) {
      HttpTestClient http = new HttpTestClient(gw.baseUrl());
      assertThat(http.postJson("/v1/chat/completions", body("bea")).statusCode()).isEqualTo(200);
      assertThat(eventually(() -> reserved("bea") == 0)).isTrue();
      redis.command("CONFIG", "RESETSTAT");

      CompletableFuture<HttpResponse<String>> answer = untilUpstream(http, body("bea"));
      long before = scripts();
      // scripts wait while Redis is paused for writes: the settlements cannot run for 3 s
      long paused = System.nanoTime();
      redis.command("CLIENT", "PAUSE", "3000", "WRITE");
      HttpResponse<String> response = answer.join();
      long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - paused);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(waitedMs).as("answered while Redis was still paused").isLessThan(2000);
      assertThat(scripts()).as("no settlement yet").isEqualTo(before);
      assertThat(reserved("bea")).as("the reservation is still held").isPositive();
      // once Redis runs scripts again, both settlements arrive
      assertThat(eventually(() -> scripts() == before + 2)).isTrue();
      assertThat(eventually(() -> reserved("bea") == 0)).isTrue();
      assertThat(gw.limits().shared().up()).isTrue();
      assertThat(gw.costs().sharedSpend().up()).isTrue();
    }
  }

  @Test
  void a_settlement_that_fails_counts_as_redis_down_for_the_requests_that_follow(
      @TempDir Path dir) {
    ManualTime time = new ManualTime();
    try (Gateway gw = gateway(dir, 1000, "", "fail_open", time)) {
      HttpTestClient http = new HttpTestClient(gw.baseUrl());
      assertThat(http.postJson("/v1/chat/completions", body("gus")).statusCode()).isEqualTo(200);
      CompletableFuture<HttpResponse<String>> answer = untilUpstream(http, body("gus"));
      redis.stop();
      try {
        assertThat(answer.join().statusCode()).isEqualTo(200);
        // both settlements fail after the answer: logged, counted, and Redis is considered down
        assertThat(eventually(() -> !gw.limits().shared().up())).isTrue();
        assertThat(eventually(() -> !gw.costs().sharedSpend().up())).isTrue();
        assertThat(gw.limits().shared().failures()).isPositive();
        assertThat(gw.costs().sharedSpend().failures()).isPositive();
      } finally {
        redis.startAgain();
      }
      // until the next probe (the clock has not moved), requests get fail_open's fallback
      assertThat(http.postJson("/v1/chat/completions", body("gus")).statusCode()).isEqualTo(200);
      assertThat(gw.limits().shared().fallbackAdmissions()).isEqualTo(1);
      assertThat(gw.costs().sharedSpend().fallbackReservations()).isEqualTo(1);
    }
  }

  @Test
  void a_request_refused_by_its_rate_limit_leaves_no_spend_reserved(@TempDir Path dir)
      throws Exception {
    try (Gateway gw = gateway(dir, 2, "")) {
      HttpTestClient http = new HttpTestClient(gw.baseUrl());
      assertThat(http.postJson("/v1/chat/completions", body("cid")).statusCode()).isEqualTo(200);
      assertThat(http.postJson("/v1/chat/completions", body("cid")).statusCode()).isEqualTo(200);
      assertThat(eventually(() -> reserved("cid") == 0)).isTrue();
      String settled = redis.command("HGET", counter("cid"), "settled");

      HttpResponse<String> refused = http.postJson("/v1/chat/completions", body("cid"));
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(Json.MAPPER.readTree(refused.body()).at("/error/code").asText())
          .isEqualTo("customer_requests");
      assertThat(reserved("cid")).isZero();
      assertThat(fields("cid")).isEqualTo(2);
      assertThat(redis.command("HGET", counter("cid"), "settled")).isEqualTo(settled);
    }
  }

  @Test
  void a_reservation_made_at_admission_is_released_when_a_later_stage_refuses_the_request(
      @TempDir Path dir) {
    String route =
        """
          small:
            deployments: [{provider: sim, model: m}]
            budget: {max_output_tokens: 16, max_cost_usd: 0.0001}
        """;
    try (Gateway gw = gateway(dir, 1000, route.stripTrailing())) {
      HttpTestClient http = new HttpTestClient(gw.baseUrl());
      assertThat(http.postJson("/v1/chat/completions", body("dot")).statusCode()).isEqualTo(200);
      assertThat(eventually(() -> reserved("dot") == 0)).isTrue();
      String settled = redis.command("HGET", counter("dot"), "settled");

      // admitted with its claim reserved, then refused by its budget before the spend stage
      String big = "Please answer this question carefully. ".repeat(20);
      HttpResponse<String> refused =
          http.postJson("/v1/chat/completions", body("small", "dot", big));
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
      assertThat(eventually(() -> reserved("dot") == 0 && fields("dot") == 2))
          .as("the admission's reservation is given back")
          .isTrue();
      assertThat(redis.command("HGET", counter("dot"), "settled")).isEqualTo(settled);
    }
  }

  @Test
  void a_request_whose_retrieved_context_outgrows_its_admission_claim_holds_one_reservation(
      @TempDir Path dir) throws Exception {
    Path docs = Files.createDirectories(dir.resolve("docs"));
    Files.writeString(
        docs.resolve("ferry.md"),
        "# The island ferry\n\n"
            + "The island ferry leaves the mainland pier every ninety minutes. ".repeat(40));
    String route =
        """
          ask:
            deployments: [{provider: sim, model: m}]
            budget: {max_output_tokens: 16}
            rag: {kb: town, top_k: 2, min_score: 0.0}
        knowledge_bases:
          town: {sources: [%s]}
        """
            .formatted(docs);
    try (Gateway gw = gateway(dir, 1000, route.stripTrailing())) {
      HttpTestClient http = new HttpTestClient(gw.baseUrl());
      String question = body("ask", "eve", "How often does the ferry leave?");
      assertThat(http.postJson("/v1/chat/completions", question).statusCode()).isEqualTo(200);
      assertThat(eventually(() -> reserved("eve") == 0)).isTrue();
      redis.command("CONFIG", "RESETSTAT");

      CompletableFuture<HttpResponse<String>> answer = untilUpstream(http, question);
      // the claim made at admission did not cover the context: given back, and one made anew
      assertThat(fields("eve")).as("one reservation held during the call").isEqualTo(3);
      assertThat(scripts()).as("admission, its claim given back, the spend stage").isEqualTo(3);
      assertThat(answer.join().statusCode()).isEqualTo(200);
      assertThat(eventually(() -> reserved("eve") == 0 && fields("eve") == 2)).isTrue();
    }
  }

  @Test
  void with_redis_down_fail_open_admits_and_reserves_in_the_replica_then_returns_to_redis(
      @TempDir Path dir) {
    ManualTime time = new ManualTime();
    try (Gateway gw = gateway(dir, 1000, "", "fail_open", time)) {
      HttpTestClient http = new HttpTestClient(gw.baseUrl());
      assertThat(http.postJson("/v1/chat/completions", body("fay")).statusCode()).isEqualTo(200);
      redis.stop();
      try {
        assertThat(http.postJson("/v1/chat/completions", body("fay")).statusCode()).isEqualTo(200);
        assertThat(gw.limits().shared().fallbackAdmissions()).isEqualTo(1);
        assertThat(gw.costs().sharedSpend().fallbackReservations()).isEqualTo(1);
        assertThat(gw.limits().shared().up()).isFalse();
      } finally {
        redis.startAgain();
      }
      boolean back = false;
      for (int i = 0; i < 100 && !back; i++) {
        time.advance(java.time.Duration.ofSeconds(2));
        back =
            http.postJson("/v1/chat/completions", body("fay")).statusCode() == 200
                && gw.limits().shared().up()
                && gw.costs().sharedSpend().up();
        java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
      }
      assertThat(back).isTrue();
      long fallbacks = gw.costs().sharedSpend().fallbackReservations();
      // Redis restarted empty: this request loads the counter, the next is one round trip again
      assertThat(http.postJson("/v1/chat/completions", body("fay")).statusCode()).isEqualTo(200);
      assertThat(eventually(() -> reserved("fay") == 0)).isTrue();
      redis.command("CONFIG", "RESETSTAT");
      CompletableFuture<HttpResponse<String>> answer = untilUpstream(http, body("fay"));
      assertThat(scripts()).isEqualTo(1);
      assertThat(answer.join().statusCode()).isEqualTo(200);
      assertThat(gw.costs().sharedSpend().fallbackReservations()).isEqualTo(fallbacks);
    }
  }
}
