package dev.gantry.gateway.security;

import dev.gantry.core.api.ApiError;

/** The answer when a request's audit record cannot be committed. */
public final class AuditFailures {
  private AuditFailures() {}

  public static ApiError error() {
    return new ApiError(
        503,
        "The request could not be recorded in the audit log, so it was not completed.",
        ApiError.GATEWAY,
        null,
        "audit_unavailable");
  }
}
