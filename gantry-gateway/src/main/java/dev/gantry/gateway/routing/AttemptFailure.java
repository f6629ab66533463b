package dev.gantry.gateway.routing;

import dev.gantry.core.api.ApiError;

/**
 * Why one upstream attempt failed, and whether trying again may help.
 *
 * @param error what the client sees if this is the last failure
 * @param retryable true for connect errors, timeouts before the first byte, 429 and 5xx
 * @param retryAfterMillis the upstream's {@code Retry-After}, in milliseconds, or -1
 * @param upstreamStatus the upstream's HTTP status, or 0 when no response arrived
 */
public final class AttemptFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient ApiError error;
  private final boolean retryable;
  private final long retryAfterMillis;
  private final int upstreamStatus;

  public AttemptFailure(
      ApiError error, boolean retryable, long retryAfterMillis, int upstreamStatus) {
    super(error.message(), null, false, false);
    this.error = error;
    this.retryable = retryable;
    this.retryAfterMillis = retryAfterMillis;
    this.upstreamStatus = upstreamStatus;
  }

  public static AttemptFailure fatal(ApiError error) {
    return new AttemptFailure(error, false, -1, 0);
  }

  public ApiError error() {
    return error;
  }

  public boolean retryable() {
    return retryable;
  }

  public long retryAfterMillis() {
    return retryAfterMillis;
  }

  public int upstreamStatus() {
    return upstreamStatus;
  }

  /** True for the upstream statuses worth retrying: 408, 429, 500, 502, 503, 504 and 529. */
  public static boolean retryableStatus(int status) {
    return status == 408
        || status == 429
        || status == 500
        || status == 502
        || status == 503
        || status == 504
        || status == 529;
  }
}
