package dev.gantry.core.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * An error in the OpenAI wire shape {@code {"error":{"message","type","param","code"}}} together
 * with the HTTP status it is sent with.
 *
 * <p>{@code type} tells who failed: {@code invalid_request_error}, {@code authentication_error},
 * {@code permission_error}, {@code not_found_error}, {@code rate_limit_error} describe the client's
 * request; {@code upstream_error} means a model provider failed; {@code gateway_error} means Gantry
 * itself failed; {@code timeout_error} means a deadline passed.
 */
public record ApiError(int status, String message, String type, String param, String code) {

  public static final String INVALID_REQUEST = "invalid_request_error";
  public static final String UPSTREAM = "upstream_error";
  public static final String GATEWAY = "gateway_error";

  public ApiError {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(type, "type");
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be 400..599, was " + status);
    }
  }

  /** 400: the request is malformed; {@code param} names the offending field (may be null). */
  public static ApiError invalid(String message, String param, String code) {
    return new ApiError(400, message, INVALID_REQUEST, param, code);
  }

  public static ApiError invalid(String message, String param) {
    return invalid(message, param, null);
  }

  public static ApiError unauthenticated(String message) {
    return new ApiError(401, message, "authentication_error", null, "invalid_api_key");
  }

  public static ApiError forbidden(String message) {
    return new ApiError(403, message, "permission_error", null, "forbidden");
  }

  public static ApiError modelNotFound(String model) {
    return new ApiError(
        404,
        "The model '" + model + "' does not exist or you do not have access to it.",
        INVALID_REQUEST,
        "model",
        "model_not_found");
  }

  public static ApiError notFound(String message) {
    return new ApiError(404, message, INVALID_REQUEST, null, "not_found");
  }

  public static ApiError methodNotAllowed(String message) {
    return new ApiError(405, message, INVALID_REQUEST, null, "method_not_allowed");
  }

  public static ApiError tooLarge(long limitBytes) {
    return new ApiError(
        413,
        "Request body is larger than the limit of " + limitBytes + " bytes.",
        INVALID_REQUEST,
        null,
        "request_too_large");
  }

  public static ApiError unsupportedMediaType(String message) {
    return new ApiError(415, message, INVALID_REQUEST, null, "unsupported_media_type");
  }

  public static ApiError rateLimited(String message) {
    return new ApiError(429, message, "rate_limit_error", null, "rate_limit_exceeded");
  }

  /** A failure of Gantry itself (a bug or an exhausted resource), never of the upstream. */
  public static ApiError internal(String message) {
    return new ApiError(500, message, GATEWAY, null, "internal_error");
  }

  /** A deadline passed; {@code code} says which one (e.g. {@code upstream_timeout}). */
  public static ApiError timeout(String message, String code) {
    return new ApiError(504, message, "timeout_error", null, code);
  }

  /**
   * A provider failed. 4xx statuses from the upstream that describe the client's request are passed
   * with their own status; upstream 5xx map to 502 (or 503/504 when that is what it said).
   */
  public static ApiError upstream(int status, String message, String code) {
    return new ApiError(status, message, UPSTREAM, null, code);
  }

  /** Writes this error as the OpenAI error object into a fresh JSON tree. */
  public ObjectNode toJson() {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("message", message);
    error.put("type", type);
    if (param == null) {
      error.putNull("param");
    } else {
      error.put("param", param);
    }
    if (code == null) {
      error.putNull("code");
    } else {
      error.put("code", code);
    }
    return root;
  }

  /** The error body as UTF-8 JSON bytes. */
  public byte[] toBytes() {
    return Json.toBytes(toJson());
  }
}
