package dev.gantry.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * Errors in the Anthropic shape {@code {"type":"error","error":{"type","message"}}}, with the same
 * HTTP status Gantry uses for the OpenAI shape; the error type is Anthropic's name for that status.
 * Stateless.
 */
final class AnthropicErrors {
  private AnthropicErrors() {}

  static void write(HttpServerResponse response, ApiError error) {
    if (response.ended() || response.closed() || response.headWritten()) {
      return;
    }
    response
        .setStatusCode(error.status())
        .putHeader("content-type", "application/json")
        .end(Buffer.buffer(Json.toBytes(body(error))));
  }

  static ObjectNode body(ApiError error) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("type", "error");
    ObjectNode inner = root.putObject("error");
    inner.put("type", type(error.status()));
    inner.put("message", error.message());
    return root;
  }

  /** Anthropic's error type for an HTTP status. */
  static String type(int status) {
    return switch (status) {
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      case 429 -> "rate_limit_error";
      case 503, 529 -> "overloaded_error";
      case 504 -> "timeout_error";
      default -> status >= 500 ? "api_error" : "invalid_request_error";
    };
  }
}
