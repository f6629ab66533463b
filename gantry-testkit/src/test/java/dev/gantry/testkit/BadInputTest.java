package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad input gets its 4xx with an OpenAI-style JSON error, and the server survives.
 */
class BadInputTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static Simulator sim;
  static Gateway gateway;
  static HttpTestClient http;

  @BeforeAll
  static void start() {
    sim = GantryTestKit.simulator();
    String config =
        GantryTestKit.simConfig("gpt-4o-mini")
            .replace("server:\n  port: 0\n", "server:\n  port: 0\n  body_timeout: 1s\n");
    gateway = GantryTestKit.gateway(config, sim);
    http = new HttpTestClient(gateway.baseUrl());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    sim.close();
  }

  @AfterEach
  void server_is_still_healthy_and_serving() {
    assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
    assertThat(
            http.postJson(
                    "/v1/chat/completions",
                    "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .statusCode())
        .isEqualTo(200);
  }

  static JsonNode error(HttpResponse<String> r) throws Exception {
    assertThat(r.headers().firstValue("content-type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    JsonNode error = JSON.readTree(r.body()).path("error");
    assertThat(error.isObject()).as("error object in %s", r.body()).isTrue();
    assertThat(error.has("message") && error.has("type") && error.has("param") && error.has("code"))
        .isTrue();
    return error;
  }

  @Test
  void invalid_json_is_400() throws Exception {
    HttpResponse<String> r = http.postJson("/v1/chat/completions", "{\"model\": \"gpt-4o-mini\", ");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r).path("code").asText()).isEqualTo("invalid_json");
  }

  @Test
  void a_json_array_body_is_400() throws Exception {
    HttpResponse<String> r = http.postJson("/v1/chat/completions", "[1,2]");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r).path("type").asText()).isEqualTo("invalid_request_error");
  }

  @Test
  void wrong_type_names_the_parameter() throws Exception {
    HttpResponse<String> r =
        http.postJson("/v1/chat/completions", "{\"model\":\"gpt-4o-mini\",\"messages\":\"hi\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode e = error(r);
    assertThat(e.path("param").asText()).isEqualTo("messages");
    assertThat(e.path("code").asText()).isEqualTo("invalid_type");
  }

  @Test
  void unknown_role_is_400() throws Exception {
    HttpResponse<String> r =
        http.postJson(
            "/v1/chat/completions",
            "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"wizard\",\"content\":\"hi\"}]}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r).path("param").asText()).isEqualTo("messages[0].role");
  }

  @Test
  void missing_model_is_400() throws Exception {
    HttpResponse<String> r =
        http.postJson(
            "/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r).path("code").asText()).isEqualTo("missing_required_parameter");
  }

  @Test
  void invalid_utf8_is_400() throws Exception {
    byte[] prefix =
        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\""
            .getBytes(StandardCharsets.UTF_8);
    byte[] suffix = "\"}]}".getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[prefix.length + 2 + suffix.length];
    System.arraycopy(prefix, 0, body, 0, prefix.length);
    body[prefix.length] = (byte) 0xff;
    body[prefix.length + 1] = (byte) 0xfe;
    System.arraycopy(suffix, 0, body, prefix.length + 2, suffix.length);
    HttpResponse<String> r = http.postBytes("/v1/chat/completions", body, "application/json");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r).path("code").asText()).isEqualTo("invalid_json");
  }

  @Test
  void a_20_mb_body_is_413() throws Exception {
    byte[] body = new byte[20 * 1024 * 1024];
    java.util.Arrays.fill(body, (byte) ' ');
    HttpResponse<String> r = http.postBytes("/v1/chat/completions", body, "application/json");
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(error(r).path("code").asText()).isEqualTo("request_too_large");
  }

  @Test
  void a_20_mb_chunked_body_without_length_is_413() throws Exception {
    byte[] body = new byte[20 * 1024 * 1024];
    java.util.Arrays.fill(body, (byte) ' ');
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .header("content-type", "application/json")
                .timeout(Duration.ofSeconds(20))
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(413);
    error(r);
  }

  @Test
  void json_nested_10000_deep_is_400() throws Exception {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    HttpResponse<String> r =
        http.postJson(
            "/v1/chat/completions",
            "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"x\":"
                + deep
                + "}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r).path("code").asText()).isEqualTo("json_too_deep");
  }

  @Test
  void missing_content_type_is_415() throws Exception {
    HttpResponse<String> r =
        http.postBytes(
            "/v1/chat/completions",
            "{\"model\":\"gpt-4o-mini\",\"messages\":[]}".getBytes(StandardCharsets.UTF_8),
            null);
    assertThat(r.statusCode()).isEqualTo(415);
    error(r);
  }

  @Test
  void unknown_path_is_404_and_wrong_method_is_405() throws Exception {
    HttpResponse<String> notFound = http.get("/v1/nothing-here");
    assertThat(notFound.statusCode()).isEqualTo(404);
    error(notFound);
    HttpResponse<String> wrongMethod = http.get("/v1/chat/completions");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    error(wrongMethod);
  }

  @Test
  void a_request_that_never_finishes_sending_gets_408() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n"
                  + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"model\"")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long start = System.nanoTime();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertThat(response).startsWith("HTTP/1.1 408");
      assertThat(response).contains("\"code\":\"request_timeout\"");
      // Not before the 1 s body timeout; the ceiling only tells "answered" from "hung".
      assertThat(ms).isBetween(800L, 20_000L);
    }
  }

  @Test
  void expect_100_continue_is_answered_and_an_oversized_body_refused_before_it_is_sent()
      throws Exception {
    String body =
        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
      socket.setSoTimeout(3000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                  + "Expect: 100-continue\r\nContent-Length: "
                  + body.length()
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] interim = new byte[25];
      int n = in.readNBytes(interim, 0, interim.length);
      assertThat(new String(interim, 0, n, StandardCharsets.US_ASCII))
          .startsWith("HTTP/1.1 100 Continue");
      out.write(body.getBytes(StandardCharsets.UTF_8));
      out.flush();
      byte[] rest = new byte[12];
      in.readNBytes(rest, 0, rest.length);
      assertThat(new String(rest, StandardCharsets.US_ASCII)).contains("HTTP/1.1 200");
    }
    try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
      socket.setSoTimeout(3000);
      socket
          .getOutputStream()
          .write(
              ("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                      + "Expect: 100-continue\r\nContent-Length: 50000000\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      byte[] first = new byte[12];
      socket.getInputStream().readNBytes(first, 0, first.length);
      assertThat(new String(first, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 413");
    }
  }

  @Test
  void request_id_is_echoed_or_generated() {
    String body =
        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    HttpResponse<String> echoed =
        http.postJson("/v1/chat/completions", body, "x-request-id", "my-id-123");
    assertThat(echoed.headers().firstValue("x-request-id")).hasValue("my-id-123");
    HttpResponse<String> generated = http.postJson("/v1/chat/completions", body);
    assertThat(generated.headers().firstValue("x-request-id"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("req_"));
    assertThat(generated.headers().firstValue("x-gantry-provider")).hasValue("sim");
    assertThat(generated.headers().firstValue("x-gantry-model")).hasValue("gpt-4o-mini");
    assertThat(generated.headers().firstValue("x-gantry-attempts")).hasValue("1");
    assertThat(
            Double.parseDouble(
                generated.headers().firstValue("x-gantry-overhead-ms").orElseThrow()))
        .isBetween(0.0, 1000.0);
  }
}
