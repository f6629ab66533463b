package dev.gantry.gateway.providers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.Json;

/**
 * Anthropic's error shape {@code {"type":"error","error":{"type","message"}}}, read from an HTTP
 * error body or an {@code error} stream event, turned into the client's error through {@link
 * UpstreamErrors}. Stateless.
 */
final class OpenAiToAnthropicErrors {
  private OpenAiToAnthropicErrors() {}

  /**
   * The error for a non-2xx response; bodies that are not Anthropic errors keep only the status.
   */
  static ApiError fromBody(int status, byte[] body) {
    JsonNode root = body == null ? null : Json.tryParse(body);
    JsonNode error = root == null ? null : root.get("error");
    if (error == null || !error.isObject()) {
      return UpstreamErrors.map(status, null, null);
    }
    return UpstreamErrors.map(status, text(error, "message"), text(error, "type"));
  }

  /**
   * The error for an {@code error} event inside a 200 stream (or an error object in a 2xx body),
   * using the HTTP status Anthropic documents for its error type.
   */
  static ApiError fromEvent(JsonNode root) {
    JsonNode error = root.path("error");
    String type = text(error, "type");
    return UpstreamErrors.map(statusOf(type), text(error, "message"), type);
  }

  /** The HTTP status Anthropic sends with each error type; 500 for types it does not document. */
  static int statusOf(String type) {
    if (type == null) {
      return 500;
    }
    return switch (type) {
      case "invalid_request_error" -> 400;
      case "authentication_error" -> 401;
      case "billing_error" -> 402;
      case "permission_error" -> 403;
      case "not_found_error" -> 404;
      case "request_too_large" -> 413;
      case "rate_limit_error" -> 429;
      case "timeout_error" -> 504;
      case "overloaded_error" -> 529;
      default -> 500;
    };
  }

  /** The upstream answered 2xx with something that cannot be translated. */
  static UpstreamFailure invalid(String what) {
    return new UpstreamFailure(
        ApiError.upstream(
            502,
            "The Anthropic upstream sent an invalid response: " + what,
            "upstream_invalid_response"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
