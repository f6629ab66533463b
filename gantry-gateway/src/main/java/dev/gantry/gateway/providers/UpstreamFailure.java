package dev.gantry.gateway.providers;

import dev.gantry.core.api.ApiError;

/**
 * An upstream said something that is not a usable answer: an error event inside a stream, or a body
 * that cannot be translated. Carries the error to show the client.
 */
public final class UpstreamFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient ApiError error;

  public UpstreamFailure(ApiError error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  public ApiError error() {
    return error;
  }
}
