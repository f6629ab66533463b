package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each upstream deadline: connect, first byte, idle between chunks, total, and the request's. */
class TimeoutTest {
  static Simulator hanging;
  static Simulator slowStream;
  static Simulator slowFirstByte;
  static Gateway gateway;
  static HttpTestClient http;

  @BeforeAll
  static void start() throws IOException {
    hanging = GantryTestKit.simulator("faults:\n  - {type: hang, rate: 1}\n");
    slowStream =
        GantryTestKit.simulator(
            "default_reply: a b c d e f\nlatency:\n  inter_token: {dist: fixed, ms: 1500}\n");
    slowFirstByte = GantryTestKit.simulator("latency:\n  ttft: {dist: fixed, ms: 1500}\n");
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String config =
        "server: {port: 0, request_timeout: 2s}\n"
            + "providers:\n"
            + "  hang: {type: openai_compatible, base_url: '"
            + hanging.baseUrl()
            + "/v1', timeouts: {first_byte: 300ms}}\n"
            + "  slow: {type: openai_compatible, base_url: '"
            + slowStream.baseUrl()
            + "/v1', timeouts: {idle: 300ms}}\n"
            + "  slowfirst: {type: openai_compatible, base_url: '"
            + slowFirstByte.baseUrl()
            + "/v1', timeouts: {first_byte: 10s, total: 400ms}}\n"
            + "  deadline: {type: openai_compatible, base_url: '"
            + hanging.baseUrl()
            + "/v1', timeouts: {first_byte: 60s}}\n"
            + "  closed: {type: openai_compatible, base_url: 'http://127.0.0.1:"
            + closedPort
            + "/v1', timeouts: {connect: 500ms}}\n"
            + "routes:\n"
            + "  hang: {deployments: [{provider: hang, model: m}], retry: {max_attempts: 2, base_delay: 1ms}}\n"
            + "  slow: {deployments: [{provider: slow, model: m}], retry: {max_attempts: 1}}\n"
            + "  slowfirst: {deployments: [{provider: slowfirst, model: m}], retry: {max_attempts: 1}}\n"
            + "  deadline: {deployments: [{provider: deadline, model: m}], retry: {max_attempts: 1}}\n"
            + "  closed: {deployments: [{provider: closed, model: m}], retry: {max_attempts: 2, base_delay: 1ms}}\n";
    gateway = GantryTestKit.gateway(config, null);
    http = new HttpTestClient(gateway.baseUrl());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    hanging.close();
    slowStream.close();
    slowFirstByte.close();
  }

  @Test
  void first_byte_timeout_is_retried_then_reported_as_504() {
    long start = System.nanoTime();
    HttpResponse<String> r =
        http.postJson("/v1/chat/completions", RetryAndFallbackTest.chat("hang", false));
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(r.statusCode()).isEqualTo(504);
    assertThat(r.body()).contains("upstream_timeout").contains("first_byte");
    assertThat(r.headers().firstValue("x-gantry-attempts")).hasValue("2");
    // Two 300 ms first-byte waits at least; the ceiling only tells "answered" from "hung".
    assertThat(ms).isBetween(550L, 20_000L);
    assertThat(hanging.received()).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void idle_timeout_ends_a_silent_stream_with_an_error_event() {
    HttpResponse<String> r =
        http.postJson("/v1/chat/completions", RetryAndFallbackTest.chat("slow", true));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(RetryAndFallbackTest.lastEvent(r.body()))
        .contains("upstream_timeout")
        .contains("idle");
  }

  @Test
  void total_timeout_bounds_an_attempt() {
    HttpResponse<String> r =
        http.postJson("/v1/chat/completions", RetryAndFallbackTest.chat("slowfirst", false));
    assertThat(r.statusCode()).isEqualTo(504);
    assertThat(r.body()).contains("total");
  }

  @Test
  void request_timeout_bounds_the_whole_request() {
    long start = System.nanoTime();
    HttpResponse<String> r =
        http.postJson("/v1/chat/completions", RetryAndFallbackTest.chat("deadline", false));
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(r.statusCode()).isEqualTo(504);
    assertThat(r.body()).contains("request_timeout");
    assertThat(ms).isBetween(1900L, 20_000L);
  }

  @Test
  void connect_timeout_fires_when_the_upstream_never_accepts() throws Exception {
    // A listening socket whose accept queue is full drops further SYNs, so connecting hangs.
    try (java.net.ServerSocket full =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      java.util.List<java.net.Socket> fillers = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) {
          java.net.Socket s = new java.net.Socket();
          try {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", full.getLocalPort()), 200);
            fillers.add(s);
          } catch (java.io.IOException e) {
            s.close();
            break;
          }
        }
        String yaml =
            "server: {port: 0}\nproviders:\n  p: {type: openai_compatible, base_url: 'http://127.0.0.1:"
                + full.getLocalPort()
                + "/v1', timeouts: {connect: 300ms}}\nroutes:\n  m: {deployments: [{provider: p, model: m}], retry: {max_attempts: 1}}\n";
        try (Gateway g = GantryTestKit.gateway(yaml, null)) {
          long start = System.nanoTime();
          HttpResponse<String> r =
              new HttpTestClient(g.baseUrl())
                  .postJson("/v1/chat/completions", RetryAndFallbackTest.chat("m", false));
          long ms = (System.nanoTime() - start) / 1_000_000;
          assertThat(r.statusCode()).isEqualTo(502);
          assertThat(r.body()).contains("upstream_connect_failed").contains("300 ms");
          assertThat(ms).isBetween(250L, 20_000L);
        }
      } finally {
        for (java.net.Socket s : fillers) {
          s.close();
        }
      }
    }
  }

  @Test
  void the_upstream_call_is_cut_when_the_request_reaches_its_deadline() throws Exception {
    try (java.net.ServerSocket upstream =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      String yaml =
          "server: {port: 0, request_timeout: 1s}\nproviders:\n  p: {type: openai_compatible, base_url: 'http://127.0.0.1:"
              + upstream.getLocalPort()
              + "/v1', timeouts: {first_byte: 60s, total: 10m}}\nroutes:\n  m: {deployments: [{provider: p, model: m}], retry: {max_attempts: 1}}\n";
      try (Gateway g = GantryTestKit.gateway(yaml, null)) {
        java.util.concurrent.CompletableFuture<HttpResponse<String>> answer =
            java.util.concurrent.CompletableFuture.supplyAsync(
                () ->
                    new HttpTestClient(g.baseUrl())
                        .postJson("/v1/chat/completions", RetryAndFallbackTest.chat("m", false)));
        upstream.setSoTimeout(30_000);
        try (java.net.Socket call = upstream.accept()) {
          long start = System.nanoTime();
          call.setSoTimeout(30_000);
          java.io.InputStream in = call.getInputStream();
          try {
            while (in.read() >= 0) {
              // the request, then nothing until the gateway gives up
            }
          } catch (java.net.SocketException reset) {
            // a reset is as good as a close
          }
          long ms = (System.nanoTime() - start) / 1_000_000;
          assertThat(ms).as("upstream connection closed after").isLessThan(20_000);
        }
        HttpResponse<String> r = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(r.body()).contains("request_timeout");
      }
    }
  }

  @Test
  void connection_refused_is_retried_then_reported_as_502() {
    HttpResponse<String> r =
        http.postJson("/v1/chat/completions", RetryAndFallbackTest.chat("closed", false));
    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(r.body()).contains("upstream_connect_failed");
    assertThat(r.headers().firstValue("x-gantry-attempts")).hasValue("2");
    assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
  }
}
