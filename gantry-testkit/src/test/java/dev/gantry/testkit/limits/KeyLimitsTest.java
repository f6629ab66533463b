package dev.gantry.testkit.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import dev.gantry.core.time.ManualTime;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import dev.gantry.testkit.Eventually;
import dev.gantry.testkit.GantryTestKit;
import dev.gantry.testkit.HttpTestClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rate limits stored on an API key ({@code POST /admin/keys} with {@code rpm}, {@code tpm}, {@code
 * concurrency}), enforced by the admit stage through real sockets in addition to the configured
 * limits, with the OpenAI-style headers and a 429 naming the key's limit.
 */
class KeyLimitsTest {
  static final String ADMIN = "bootstrap-admin-key-for-key-limit-tests-0123";
  static Simulator sim;
  static Simulator slow;
  static ManualTime time = new ManualTime();
  static Gateway gw;
  static Gateway slowGw;
  static HttpTestClient http;

  @BeforeAll
  static void start() {
    sim = GantryTestKit.simulator();
    slow = GantryTestKit.simulator("latency: {ttft: {dist: fixed, ms: 1500}}\n");
    gw = gateway(sim, "");
    slowGw = gateway(slow, "limits: {queue: {max_depth: 0}}\n");
    http = new HttpTestClient(gw.baseUrl());
  }

  static Gateway gateway(Simulator upstream, String extra) {
    String yaml =
        GantryTestKit.simConfig("m")
            + "auth: {required: true, cache_ttl: 0s, server_secret:"
            + " server-secret-for-tests-0123456789abcdef}\n"
            + "admin: {on_public_listener: true}\n"
            + extra;
    return Gateway.start(
        GantryTestKit.config(yaml, upstream),
        GantryTestKit.options().withTicker(time).withEnv(Map.of("GANTRY_ADMIN_KEY", ADMIN)));
  }

  @AfterAll
  static void stop() {
    gw.close();
    slowGw.close();
    sim.close();
    slow.close();
  }

  static HttpResponse<String> create(HttpTestClient on, String body) {
    return on.postJson("/admin/keys", body, "authorization", "Bearer " + ADMIN);
  }

  static String key(HttpTestClient on, String limits) throws Exception {
    HttpResponse<String> r = create(on, "{\"tenant\":\"acme\",\"role\":\"app\"" + limits + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return Json.MAPPER.readTree(r.body()).path("key").asText();
  }

  static HttpResponse<String> chat(HttpTestClient on, String key, int maxTokens) {
    return on.postJson(
        "/v1/chat/completions",
        "{\"model\":\"m\",\"max_tokens\":"
            + maxTokens
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hello there\"}]}",
        "authorization",
        "Bearer " + key);
  }

  @Test
  void a_key_created_with_rpm_is_refused_over_it_with_429_naming_the_key_limit() throws Exception {
    HttpResponse<String> created =
        create(http, "{\"tenant\":\"acme\",\"role\":\"app\",\"rpm\":2,\"tpm\":50000}");
    JsonNode record = Json.MAPPER.readTree(created.body());
    assertThat(record.path("rpm").asInt()).isEqualTo(2);
    assertThat(record.path("tpm").asInt()).isEqualTo(50000);
    assertThat(record.path("concurrency").asInt()).isZero();
    String limited = record.path("key").asText();
    String free = key(http, "");
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> ok = chat(http, limited, 16);
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.headers().firstValue("x-ratelimit-limit-requests")).contains("2");
      assertThat(ok.headers().firstValue("x-ratelimit-remaining-requests"))
          .contains(Integer.toString(1 - i));
      assertThat(ok.headers().firstValue("x-ratelimit-limit-tokens")).contains("50000");
    }
    HttpResponse<String> refused = chat(http, limited, 16);
    assertThat(refused.statusCode()).isEqualTo(429);
    JsonNode error = Json.MAPPER.readTree(refused.body()).get("error");
    assertThat(error.path("type").asText()).isEqualTo("rate_limit_exceeded");
    assertThat(error.path("code").asText()).isEqualTo("key_requests");
    assertThat(error.path("message").asText()).contains("2 requests per minute");
    assertThat(refused.headers().firstValue("retry-after")).contains("30");
    // a key without limits of its own is not limited, and carries no rate-limit headers
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> r = chat(http, free, 16);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("x-ratelimit-limit-requests")).isEmpty();
    }
    time.advance(Duration.ofSeconds(30));
    assertThat(chat(http, limited, 16).statusCode()).isEqualTo(200);
    assertThat(chat(http, limited, 16).statusCode()).isEqualTo(429);
  }

  @Test
  void a_key_created_with_tpm_is_refused_a_request_whose_reservation_does_not_fit()
      throws Exception {
    String k = key(http, ",\"tpm\":1000");
    HttpResponse<String> small = chat(http, k, 100);
    assertThat(small.statusCode()).isEqualTo(200);
    assertThat(small.headers().firstValue("x-ratelimit-limit-tokens")).contains("1000");
    // what the first used is gone for the minute: the whole minute's reservation does not fit
    HttpResponse<String> big = chat(http, k, 990);
    assertThat(big.statusCode()).isEqualTo(429);
    assertThat(Json.MAPPER.readTree(big.body()).at("/error/code").asText()).isEqualTo("key_tokens");
    time.advance(Duration.ofMinutes(1));
    assertThat(chat(http, k, 980).statusCode()).isEqualTo(200);
  }

  @Test
  void a_key_created_with_concurrency_has_one_request_in_flight_at_a_time() throws Exception {
    HttpTestClient slowHttp = new HttpTestClient(slowGw.baseUrl());
    String k = key(slowHttp, ",\"concurrency\":1");
    int before = slow.received().size();
    CompletableFuture<HttpResponse<String>> first =
        CompletableFuture.supplyAsync(() -> chat(slowHttp, k, 16));
    Eventually.until("the first request is upstream", () -> slow.received().size() > before);
    HttpResponse<String> second = chat(slowHttp, k, 16);
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(Json.MAPPER.readTree(second.body()).at("/error/code").asText())
        .isEqualTo("key_concurrency");
    assertThat(first.join().statusCode()).isEqualTo(200);
    // once it is over, the slot is free again
    assertThat(chat(slowHttp, k, 16).statusCode()).isEqualTo(200);
  }

  @Test
  void refuses_key_limits_that_are_not_whole_numbers_in_range_naming_the_field() throws Exception {
    for (String bad :
        List.of("\"rpm\":-1", "\"tpm\":\"many\"", "\"concurrency\":1.5", "\"rpm\":100000001")) {
      HttpResponse<String> r = create(http, "{\"tenant\":\"acme\",\"role\":\"app\"," + bad + "}");
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      String field = bad.substring(1, bad.indexOf('"', 1));
      assertThat(Json.MAPPER.readTree(r.body()).at("/error/param").asText()).isEqualTo(field);
    }
  }
}
