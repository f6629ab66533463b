package dev.gantry.gateway.http;

import dev.gantry.core.api.ApiError;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Strict decoding of request paths and query strings: every {@code %} must start a two-digit hex
 * escape and the decoded bytes must be valid UTF-8. Checked once when a request arrives, so that no
 * handler meets a malformed escape later (where the lenient decoders throw and the request would go
 * unanswered). Stateless.
 */
final class Uris {
  private Uris() {}

  /** The 400 to send when the request's path or query cannot be decoded, else null. */
  static ApiError check(HttpServerRequest request) {
    String path = request.path();
    if (path == null || decodeOrNull(path) == null) {
      return invalid("path");
    }
    String query = request.query();
    if (query != null && decodeOrNull(query) == null) {
      return invalid("query string");
    }
    return null;
  }

  /** Decodes percent escapes (not {@code +}); null when an escape or the UTF-8 is malformed. */
  static String decodeOrNull(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
    byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      byte c = bytes[i];
      if (c != '%') {
        out.write(c);
        continue;
      }
      if (i + 2 >= bytes.length) {
        return null;
      }
      int h = Character.digit(bytes[i + 1], 16);
      int l = Character.digit(bytes[i + 2], 16);
      if (h < 0 || l < 0) {
        return null;
      }
      out.write(h << 4 | l);
      i += 2;
    }
    byte[] decoded = out.toByteArray();
    return Utf8.firstInvalid(decoded) >= 0 ? null : new String(decoded, StandardCharsets.UTF_8);
  }

  private static ApiError invalid(String where) {
    return ApiError.invalid(
        "The request URL's "
            + where
            + " has a malformed percent-escape or is not valid UTF-8 once decoded.",
        null,
        "invalid_url");
  }
}
