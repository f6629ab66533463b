package dev.gantry.gateway.security;

import io.vertx.core.http.HttpServerRequest;

/** Finds the credential a client presents. Stateless. */
public final class ApiKeys {
  private ApiKeys() {}

  /**
   * The key from {@code Authorization: Bearer <key>} or, for Azure-style clients, {@code api-key:
   * <key>}, or, for Anthropic-style clients, {@code x-api-key: <key>}; null when none is present or
   * the value is empty.
   */
  public static String presented(HttpServerRequest request) {
    String auth = request.getHeader("authorization");
    if (auth != null) {
      String v = auth.strip();
      if (v.regionMatches(true, 0, "Bearer ", 0, 7)) {
        v = v.substring(7).strip();
        return v.isEmpty() ? null : v;
      }
      return null;
    }
    String key = request.getHeader("api-key");
    if (key == null) {
      key = request.getHeader("x-api-key");
    }
    return key == null || key.isBlank() ? null : key.strip();
  }
}
