package dev.gantry.gateway.providers;

import dev.gantry.core.api.ApiError;

/**
 * The one rule for turning an upstream's HTTP error into the status the client sees. Errors that
 * describe the client's request keep their status; errors that describe Gantry's own credentials or
 * configuration become 502, because the client's key to Gantry was fine.
 */
public final class UpstreamErrors {
  private UpstreamErrors() {}

  /**
   * @param status the upstream's HTTP status (>= 400)
   * @param message the upstream's message, or null
   * @param upstreamCode the upstream's error code or type, or null
   */
  public static ApiError map(int status, String message, String upstreamCode) {
    String text =
        message == null || message.isBlank() ? "upstream returned HTTP " + status : message;
    switch (status) {
      case 400:
      case 413:
      case 415:
      case 422:
        return ApiError.upstream(
            status, text, upstreamCode == null ? "upstream_bad_request" : upstreamCode);
      case 429:
        return ApiError.upstream(429, text, "upstream_rate_limited");
      case 401:
      case 403:
        return ApiError.upstream(
            502,
            "The upstream rejected the gateway's credentials: " + text,
            "upstream_auth_failed");
      case 404:
        return ApiError.upstream(
            502, "The upstream does not know this model or path: " + text, "upstream_not_found");
      case 503:
      case 529:
        return ApiError.upstream(503, text, "upstream_unavailable");
      case 504:
        return ApiError.upstream(504, text, "upstream_timeout");
      default:
        return ApiError.upstream(
            502, text, status >= 500 ? "upstream_error" : "upstream_http_" + status);
    }
  }
}
