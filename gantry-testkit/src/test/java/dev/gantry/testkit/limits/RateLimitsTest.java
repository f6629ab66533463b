package dev.gantry.testkit.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import dev.gantry.core.time.ManualTime;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import dev.gantry.testkit.GantryTestKit;
import dev.gantry.testkit.HttpTestClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Rate limits through real sockets: requests per minute per end customer with the OpenAI-style
 * headers and refusal, tokens per minute reconciled with the actual usage, and a concurrency limit
 * whose overflow waits in the queue (or is refused as Gantry's capacity when it may not wait).
 */
class RateLimitsTest {
  static Simulator sim = GantryTestKit.simulator();
  static Simulator slow = GantryTestKit.simulator("latency: {ttft: {dist: fixed, ms: 300}}\n");

  @AfterAll
  static void stop() {
    sim.close();
    slow.close();
  }

  static String config(String limits) {
    return """
        providers:
          sim: {type: openai_compatible, base_url: "${SIM_URL}/v1"}
        routes:
          m: {deployments: [{provider: sim, model: m}]}
        limits:
        %s
        """
        .formatted(limits.indent(2));
  }

  static String body(String customer, int maxTokens) {
    return "{\"model\":\"m\",\"user\":\""
        + customer
        + "\",\"max_tokens\":"
        + maxTokens
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hello there\"}]}";
  }

  @Test
  void refuses_a_customer_over_its_requests_per_minute_with_429_naming_the_limit()
      throws Exception {
    ManualTime time = new ManualTime();
    try (Gateway gw =
        Gateway.start(
            GantryTestKit.config(config("rate: [{scope: customer, rpm: 3}]"), sim),
            GantryTestKit.options().withTicker(time))) {
      HttpTestClient client = new HttpTestClient(gw.baseUrl());
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> ok = client.postJson("/v1/chat/completions", body("bob", 16));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("x-ratelimit-limit-requests")).contains("3");
        assertThat(ok.headers().firstValue("x-ratelimit-remaining-requests"))
            .contains(Integer.toString(2 - i));
      }
      HttpResponse<String> refused = client.postJson("/v1/chat/completions", body("bob", 16));
      assertThat(refused.statusCode()).isEqualTo(429);
      JsonNode error = Json.MAPPER.readTree(refused.body()).get("error");
      assertThat(error.get("type").asText()).isEqualTo("rate_limit_exceeded");
      assertThat(error.get("code").asText()).isEqualTo("customer_requests");
      assertThat(error.get("message").asText()).contains("3 requests per minute");
      // one request comes back every 20 s
      assertThat(refused.headers().firstValue("retry-after")).contains("20");
      assertThat(refused.headers().firstValue("x-ratelimit-remaining-requests")).contains("0");
      assertThat(refused.headers().firstValue("x-ratelimit-reset-requests")).contains("1m0s");
      // another customer has its own allowance
      assertThat(client.postJson("/v1/chat/completions", body("alice", 16)).statusCode())
          .isEqualTo(200);
      time.advance(Duration.ofSeconds(20));
      assertThat(client.postJson("/v1/chat/completions", body("bob", 16)).statusCode())
          .isEqualTo(200);
      assertThat(client.postJson("/v1/chat/completions", body("bob", 16)).statusCode())
          .isEqualTo(429);
    }
  }

  @Test
  void reconciles_reserved_tokens_with_the_tokens_actually_used() throws Exception {
    ManualTime time = new ManualTime();
    try (Gateway gw =
        Gateway.start(
            GantryTestKit.config(config("rate: [{scope: customer, tpm: 1000}]"), sim),
            GantryTestKit.options().withTicker(time))) {
      HttpTestClient client = new HttpTestClient(gw.baseUrl());
      // each request reserves its input plus 600 output tokens but uses a few dozen: the
      // reservation is given back, so many more than one fit in the minute
      for (int i = 0; i < 10; i++) {
        HttpResponse<String> r = client.postJson("/v1/chat/completions", body("bob", 600));
        assertThat(r.statusCode()).as("request %d", i).isEqualTo(200);
        assertThat(r.headers().firstValue("x-ratelimit-limit-tokens")).contains("1000");
      }
      // what the ten used is gone for the minute: a reservation of the whole minute does not fit
      HttpResponse<String> big = client.postJson("/v1/chat/completions", body("bob", 990));
      assertThat(big.statusCode()).isEqualTo(429);
      assertThat(Json.MAPPER.readTree(big.body()).at("/error/code").asText())
          .isEqualTo("customer_tokens");
      time.advance(Duration.ofMinutes(1));
      assertThat(client.postJson("/v1/chat/completions", body("bob", 980)).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void a_request_over_the_concurrency_limit_waits_in_the_queue_then_is_served() {
    try (Gateway gw =
        GantryTestKit.gateway(
            config("rate: [{scope: route, match: m, concurrency: 1}]\nqueue: {max_wait: 5s}"),
            slow)) {
      HttpTestClient client = new HttpTestClient(gw.baseUrl());
      List<CompletableFuture<HttpResponse<String>>> both =
          List.of(
              CompletableFuture.supplyAsync(
                  () -> client.postJson("/v1/chat/completions", body("a", 16))),
              CompletableFuture.supplyAsync(
                  () -> client.postJson("/v1/chat/completions", body("b", 16))));
      for (CompletableFuture<HttpResponse<String>> f : both) {
        assertThat(f.join().statusCode()).isEqualTo(200);
      }
      assertThat(gw.limits().queue().totals()[0]).isEqualTo(1);
      assertThat(gw.limits().queue().depth()).isZero();
    }
  }

  @Test
  void refuses_overflow_of_gantrys_capacity_with_503_when_it_may_not_wait() throws Exception {
    try (Gateway gw =
        GantryTestKit.gateway(
            config("rate: [{scope: route, match: m, concurrency: 1}]\nqueue: {max_depth: 0}"),
            slow)) {
      HttpTestClient client = new HttpTestClient(gw.baseUrl());
      List<CompletableFuture<HttpResponse<String>>> three =
          java.util.stream.IntStream.range(0, 3)
              .mapToObj(
                  i ->
                      CompletableFuture.supplyAsync(
                          () -> client.postJson("/v1/chat/completions", body("c" + i, 16))))
              .toList();
      List<HttpResponse<String>> done = three.stream().map(CompletableFuture::join).toList();
      assertThat(done).anyMatch(r -> r.statusCode() == 200);
      List<HttpResponse<String>> refused =
          done.stream().filter(r -> r.statusCode() != 200).toList();
      assertThat(refused).isNotEmpty();
      for (HttpResponse<String> r : refused) {
        assertThat(r.statusCode()).isEqualTo(503);
        JsonNode error = Json.MAPPER.readTree(r.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("capacity_exceeded");
        assertThat(error.get("code").asText()).isEqualTo("route_concurrency");
        assertThat(r.headers().firstValue("retry-after")).isPresent();
      }
    }
  }
}
