package dev.gantry.sim;

/**
 * An error answer decided while handling a request (bad JSON, missing field, auth, rate limit),
 * written in the calling provider's error shape by {@link Dialect}.
 *
 * @param param the offending request field, or null
 * @param retryAfterSeconds value of the {@code Retry-After} header, or -1 for none
 */
record SimError(int status, String message, String param, int retryAfterSeconds) {

  static SimError invalid(String message, String param) {
    return new SimError(400, message, param, -1);
  }

  /** Thrown by request parsers; carries the error to the handler. */
  static final class Thrown extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient SimError error;

    Thrown(SimError error) {
      super(error.message(), null, false, false);
      this.error = error;
    }
  }

  Thrown thrown() {
    return new Thrown(this);
  }
}
