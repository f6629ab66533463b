package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.core.time.ManualTime;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Simulator;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored Responses API responses live for {@code storage.responses_retention}, on the gateway's
 * injected clock: until then they are served and continued, after it they are 404 and purged from
 * the database.
 */
class ResponsesRetentionTest {
  static final String ADMIN = "responses-retention-admin-key-0123456789";
  static final ManualTime TIME = new ManualTime();
  @TempDir static Path dir;
  static Simulator sim;
  static Gateway gateway;
  static HttpTestClient http;

  @BeforeAll
  static void start() {
    sim = GantryTestKit.simulator();
    String yaml =
        "server: {port: 0}\n"
            + "data_dir: "
            + dir
            + "\n"
            + "storage: {responses_retention: 2h}\n"
            + "auth: {required: true, cache_ttl: 0s, server_secret:"
            + " responses-retention-secret-0123456789abcdef}\n"
            + "providers:\n  sim: {type: openai_compatible, base_url: \"${SIM_URL}/v1\"}\n"
            + "routes:\n  m: {deployments: [{provider: sim, model: m}]}\n";
    gateway =
        Gateway.start(
            GantryTestKit.config(yaml, sim),
            GantryTestKit.options()
                .withEnv(Map.of("GANTRY_ADMIN_KEY", ADMIN, "SIM_URL", sim.baseUrl()))
                .withTime(TIME));
    http = new HttpTestClient(gateway.baseUrl());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    sim.close();
  }

  static HttpResponse<String> get(String id) {
    return http.get("/v1/responses/" + id, "authorization", "Bearer " + ADMIN);
  }

  static String create(String previous) throws Exception {
    HttpResponse<String> r =
        http.postJson(
            "/v1/responses",
            "{\"model\":\"m\",\"input\":\"Remember pelican\""
                + (previous == null ? "" : ",\"previous_response_id\":\"" + previous + "\"")
                + "}",
            "authorization",
            "Bearer " + ADMIN);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new ObjectMapper().readTree(r.body()).path("id").asText();
  }

  static long rows(String id) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("gantry.db"));
        PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM responses WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Test
  void a_response_is_served_until_its_retention_ends_then_404_and_purged() throws Exception {
    String id = create(null);
    TIME.advance(Duration.ofMinutes(119));
    assertThat(get(id).statusCode()).isEqualTo(200);
    assertThat(rows(id)).isEqualTo(1);
    create(id);

    TIME.advance(Duration.ofMinutes(2));
    HttpResponse<String> expired = get(id);
    assertThat(expired.statusCode()).isEqualTo(404);
    assertThat(expired.body()).contains("\"type\":\"invalid_request_error\"");
    HttpResponse<String> continued =
        http.postJson(
            "/v1/responses",
            "{\"model\":\"m\",\"input\":\"And now?\",\"previous_response_id\":\"" + id + "\"}",
            "authorization",
            "Bearer " + ADMIN);
    assertThat(continued.statusCode()).isEqualTo(404);

    // The hourly purge falls due on the same clock and removes the row itself.
    TIME.advance(Duration.ofHours(1));
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (rows(id) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(rows(id)).isZero();
  }
}
