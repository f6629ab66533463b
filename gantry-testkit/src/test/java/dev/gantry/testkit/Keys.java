package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;

/** Creates API keys through a gateway's admin API. */
final class Keys {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Keys() {}

  /** A new key of {@code role} in {@code tenant}, created with {@code adminKey}; its secret. */
  static String create(HttpTestClient http, String adminKey, String tenant, String role)
      throws Exception {
    HttpResponse<String> r =
        http.postJson(
            "/admin/keys",
            "{\"tenant\":\"" + tenant + "\",\"role\":\"" + role + "\"}",
            "authorization",
            "Bearer " + adminKey);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).path("key").asText();
  }
}
