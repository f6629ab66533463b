package dev.gantry.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.time.Ticker;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A handler that throws, or never answers, still leaves its request with one 500 JSON answer. */
class RequestGuardTest {
  final Vertx vertx = Vertx.vertx();
  final HttpClient client = HttpClient.newHttpClient();
  final AtomicInteger finished = new AtomicInteger();

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  int serve(String behaviour) {
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  RequestGuard guard =
                      new RequestGuard(
                          vertx,
                          request,
                          "req-1",
                          300,
                          Ticker.SYSTEM,
                          0,
                          finished::incrementAndGet);
                  if (behaviour.equals("throw")) {
                    guard.failed(new IllegalStateException("a bug"));
                  }
                  // "silent": nobody answers; the watchdog must
                });
    return server.listen(0).await().actualPort();
  }

  HttpResponse<String> get(int port) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/x"))
            .timeout(Duration.ofSeconds(20))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void an_uncaught_failure_is_answered_with_500_json() throws Exception {
    HttpResponse<String> r = get(serve("throw"));
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(r.body()).contains("\"type\":\"gateway_error\"").doesNotContain("a bug");
  }

  @Test
  void a_request_nobody_answers_gets_500_from_the_watchdog() throws Exception {
    HttpResponse<String> r = get(serve("silent"));
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).contains("did not answer");
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (finished.get() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(finished).hasValue(1);
  }
}
