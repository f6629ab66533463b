package dev.gantry.testkit.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.api.Json;
import dev.gantry.core.config.ConfigLoader;
import dev.gantry.core.time.ManualTime;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import dev.gantry.testkit.GantryTestKit;
import dev.gantry.testkit.HttpTestClient;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Limits shared by two gateways through one real Redis server: together they admit no more than the
 * limit; with Redis gone, {@code fail_closed} refuses with 503 and {@code fail_open} falls back to
 * each replica's share of the limit; both return to the shared limit when Redis answers again.
 */
class SharedLimitsTest {
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

  static String config(String rate, String onFailure, int replicas) {
    return """
        providers:
          sim: {type: openai_compatible, base_url: "${SIM_URL}/v1", max_connections: 64}
        routes:
          m: {deployments: [{provider: sim, model: m}]}
        limits:
          rate: [%s]
          queue: {max_depth: 0}
        redis: {url: "%s", on_failure: %s, expected_replicas: %d, timeout: 2s}
        """
        .formatted(rate, redis.url(), onFailure, replicas);
  }

  static String body(String customer) {
    return "{\"model\":\"m\",\"user\":\""
        + customer
        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  }

  static int status(Gateway gw, String customer) {
    return new HttpTestClient(gw.baseUrl())
        .postJson("/v1/chat/completions", body(customer))
        .statusCode();
  }

  /** {@code examples/replicas.yaml} on this test's Redis and simulator, on a free port. */
  static Gateway replica(Path dataDir) throws Exception {
    Map<String, String> env =
        Map.of(
            "REDIS_URL", redis.url(),
            "SIM_PORT", Integer.toString(URI.create(sim.baseUrl()).getPort()),
            "GANTRY_PORT", "0",
            "GANTRY_DATA_DIR", dataDir.toString());
    return Gateway.start(
        ConfigLoader.load(Path.of("..", "examples", "replicas.yaml"), env),
        GantryTestKit.options().withEnv(env));
  }

  @Test
  void two_replicas_of_the_example_on_one_redis_admit_no_more_than_the_limit_together(
      @TempDir Path dir) throws Exception {
    try (Gateway a = replica(dir.resolve("a"));
        Gateway b = replica(dir.resolve("b"))) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      long start = System.nanoTime();
      List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
      for (int i = 0; i < 180; i++) {
        Gateway gw = i % 2 == 0 ? a : b;
        all.add(
            client.sendAsync(
                HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/v1/chat/completions"))
                    .header("content-type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            body("carol").replace("\"m\"", "\"gpt-4o-mini\"")))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      int ok = 0;
      int limited = 0;
      for (CompletableFuture<HttpResponse<String>> f : all) {
        int s = f.join().statusCode();
        ok += s == 200 ? 1 : 0;
        limited += s == 429 ? 1 : 0;
      }
      long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds() + 1;
      // the bucket holds 60 and refills one a second: never more than that across both
      assertThat(ok).isGreaterThanOrEqualTo(60).isLessThanOrEqualTo(60 + (int) seconds);
      assertThat(ok + limited).isEqualTo(180);
    }
  }

  @Test
  void fail_closed_refuses_with_503_while_redis_is_down_then_recovers() throws Exception {
    ManualTime time = new ManualTime();
    try (Gateway gw =
        Gateway.start(
            GantryTestKit.config(config("{scope: customer, rpm: 100}", "fail_closed", 2), sim),
            GantryTestKit.options().withTicker(time))) {
      assertThat(status(gw, "dan")).isEqualTo(200);
      redis.stop();
      try {
        HttpResponse<String> down =
            new HttpTestClient(gw.baseUrl()).postJson("/v1/chat/completions", body("dan"));
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(Json.MAPPER.readTree(down.body()).at("/error/code").asText())
            .isEqualTo("rate_limits_unavailable");
        assertThat(gw.limits().shared().up()).isFalse();
      } finally {
        redis.startAgain();
      }
      assertThat(recovers(gw, time, "dan")).isTrue();
      assertThat(gw.limits().shared().up()).isTrue();
    }
  }

  @Test
  void fail_open_falls_back_to_each_replicas_share_of_the_limit_then_recovers() {
    ManualTime time = new ManualTime();
    try (Gateway gw =
        Gateway.start(
            GantryTestKit.config(config("{scope: customer, rpm: 4}", "fail_open", 2), sim),
            GantryTestKit.options().withTicker(time))) {
      redis.stop();
      try {
        // this replica's share of 4 a minute with 2 replicas expected: 2
        assertThat(status(gw, "erin")).isEqualTo(200);
        assertThat(status(gw, "erin")).isEqualTo(200);
        assertThat(status(gw, "erin")).isEqualTo(429);
        assertThat(gw.limits().shared().fallbackAdmissions()).isEqualTo(2);
        assertThat(gw.limits().shared().failures()).isGreaterThan(0);
      } finally {
        redis.startAgain();
      }
      // Redis never saw erin: the shared bucket of 4 is full again (the first went in recovering)
      assertThat(recovers(gw, time, "erin")).isTrue();
      for (int i = 0; i < 3; i++) {
        assertThat(status(gw, "erin")).isEqualTo(200);
      }
      assertThat(status(gw, "erin")).isEqualTo(429);
    }
  }

  /**
   * Moves the gateway's clock past the probe interval until a request goes to Redis again; the
   * client library reconnects in real time, so a few rounds may be needed.
   */
  static boolean recovers(Gateway gw, ManualTime time, String customer) {
    for (int i = 0; i < 100; i++) {
      time.advance(Duration.ofSeconds(2));
      if (status(gw, customer) == 200 && gw.limits().shared().up()) {
        return true;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
    }
    return false;
  }
}
