package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Reads a gateway's audit records through its admin API, as an admin key sees them. */
final class AuditRecords {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AuditRecords() {}

  /** The records with this request id, once at least one exists (waiting up to 10 s). */
  static List<JsonNode> of(HttpTestClient http, String adminKey, String requestId)
      throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      List<JsonNode> found = new ArrayList<>();
      JsonNode all =
          JSON.readTree(
                  http.get("/admin/audit?limit=10000", "authorization", "Bearer " + adminKey)
                      .body())
              .path("data");
      for (JsonNode r : all) {
        if (r.path("request_id").asText().equals(requestId)) {
          found.add(r);
        }
      }
      if (!found.isEmpty() || System.nanoTime() > deadline) {
        return found;
      }
      Thread.sleep(50);
    }
  }

  /** The one record with this request id. */
  static JsonNode only(HttpTestClient http, String adminKey, String requestId) throws Exception {
    List<JsonNode> found = of(http, adminKey, requestId);
    assertThat(found).as("audit records of " + requestId).hasSize(1);
    return found.get(0);
  }
}
