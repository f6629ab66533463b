package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests broken below the JSON level — bad percent-escapes, malformed request lines, HTTP/0.9,
 * oversized URIs and headers, broken chunked framing, overlong UTF-8 — each get one answer with the
 * API's JSON error shape and a 4xx, never silence or an empty body.
 */
class ProtocolErrorsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ADMIN = "protocol-errors-admin-key-0123456789";
  static final long DEADLINE_MS = 10_000;
  @TempDir static Path dir;
  static Simulator sim;
  static Gateway gateway;
  static URI base;

  @BeforeAll
  static void start() {
    sim = GantryTestKit.simulator();
    String yaml =
        "server: {port: 0, body_timeout: 2s}\n"
            + "data_dir: "
            + dir
            + "\n"
            + "auth: {required: true, server_secret: protocol-errors-secret-0123456789abcdef}\n"
            + "audit: {enabled: true}\n"
            + "admin: {on_public_listener: true}\n"
            + GantryTestKit.simConfig("m").replace("server:\n  port: 0\n", "");
    gateway =
        Gateway.start(
            GantryTestKit.config(yaml, sim),
            GantryTestKit.options().withEnv(Map.of("GANTRY_ADMIN_KEY", ADMIN)));
    base = URI.create(gateway.baseUrl());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    sim.close();
  }

  static RawHttp.Reply get(String target) {
    return RawHttp.send(
        base,
        "GET " + target + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ADMIN + "\r\n\r\n",
        DEADLINE_MS);
  }

  static JsonNode apiError(RawHttp.Reply r, int status) throws Exception {
    assertThat(r.answered()).as(r.toString()).isTrue();
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.header("content-type")).as(r.toString()).startsWith("application/json");
    JsonNode error = JSON.readTree(r.body()).path("error");
    assertThat(error.path("message").isTextual()).as(r.body()).isTrue();
    assertThat(error.has("type") && error.has("param") && error.has("code")).as(r.body()).isTrue();
    return error;
  }

  @Test
  void a_bad_percent_escape_in_a_path_or_query_is_a_400_not_silence() throws Exception {
    for (String target :
        new String[] {
          "/v1/models/%zz",
          "/v1/models/%",
          "/v1/models/a%c0%80",
          "/admin/usage?tenant=%zz",
          "/admin/keys?tenant=%zz",
          "/admin/audit?tenant=%e2%82",
          "/healthz?x=%g0"
        }) {
      JsonNode e = apiError(get(target), 400);
      assertThat(e.path("code").asText()).as(target).isEqualTo("invalid_url");
    }
  }

  @Test
  void malformed_request_lines_and_http_0_9_get_a_json_400() throws Exception {
    for (String raw :
        new String[] {
          "GET /\r\n\r\n",
          "GARBAGE\r\n\r\n",
          "GET / HTTP/1.1 extra\r\nHost: x\r\n\r\n",
          "GET / HTTP/1.1\r\nBad Header Line\r\n\r\n"
        }) {
      RawHttp.Reply r = RawHttp.send(base, raw, DEADLINE_MS);
      apiError(r, 400);
    }
  }

  /**
   * A well-formed request line naming an HTTP version Vert.x does not speak is answered by Vert.x
   * itself (501, empty body) before any handler of Gantry's runs; it still gets exactly one answer.
   */
  @Test
  void an_unknown_http_version_gets_one_answer_from_the_server() {
    RawHttp.Reply r = RawHttp.send(base, "GET / HTTP/9.9\r\nHost: x\r\n\r\n", DEADLINE_MS);
    assertThat(r.answered()).isTrue();
    assertThat(r.status()).isEqualTo(501);
  }

  @Test
  void an_oversized_uri_gets_414_and_oversized_headers_431_with_json() throws Exception {
    apiError(
        RawHttp.send(
            base, "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", DEADLINE_MS),
        414);
    apiError(
        RawHttp.send(
            base,
            "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(40_000) + "\r\n\r\n",
            DEADLINE_MS),
        431);
  }

  @Test
  void malformed_chunked_framing_gets_a_json_400() throws Exception {
    for (String chunks : new String[] {"ZZ\r\nabc\r\n0\r\n\r\n", "5\r\nab\r\n\r\n0\r\n\r\n"}) {
      RawHttp.Reply r =
          RawHttp.send(
              base,
              "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                  + ADMIN
                  + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                  + chunks,
              DEADLINE_MS);
      apiError(r, 400);
    }
  }

  @Test
  void overlong_and_otherwise_invalid_utf8_in_a_body_is_refused() throws Exception {
    byte[][] bad = {
      {(byte) 0xc0, (byte) 0x80},
      {(byte) 0xe0, (byte) 0x80, (byte) 0xaf},
      {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
      {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
      {(byte) 0xff}
    };
    for (byte[] b : bad) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.writeBytes(
          "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"a"
              .getBytes(StandardCharsets.UTF_8));
      body.writeBytes(b);
      body.writeBytes("b\"}]}".getBytes(StandardCharsets.UTF_8));
      ByteArrayOutputStream req = new ByteArrayOutputStream();
      req.writeBytes(
          ("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                  + ADMIN
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + body.size()
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      req.writeBytes(body.toByteArray());
      JsonNode e = apiError(RawHttp.send(base, req.toByteArray(), DEADLINE_MS), 400);
      assertThat(e.path("code").asText()).isEqualTo("invalid_json");
      assertThat(e.path("message").asText()).contains("UTF-8");
    }
  }

  @Test
  void after_all_of_that_the_server_still_answers() throws Exception {
    assertThat(get("/healthz").status()).isEqualTo(200);
    assertThat(get("/v1/models/m").status()).isEqualTo(200);
  }
}
