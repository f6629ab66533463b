package dev.gantry.core.pipeline;

/**
 * The trace of one request: where its stage and upstream-attempt spans are started, and the W3C
 * {@code traceparent} its upstream calls carry. Owned by one request and used on its event-loop
 * thread only. {@link #NONE} traces nothing.
 */
public interface RequestTrace {

  /** A started span; {@link #end} it exactly once. */
  interface Span {
    Span NONE = error -> {};

    /**
     * Ends the span.
     *
     * @param error the error code when the step failed, or null
     */
    void end(String error);
  }

  /** Nothing is traced and no {@code traceparent} is sent. */
  RequestTrace NONE =
      new RequestTrace() {
        @Override
        public String traceId() {
          return null;
        }

        @Override
        public String traceparent() {
          return null;
        }

        @Override
        public Span stage(String name, boolean onResponse) {
          return Span.NONE;
        }

        @Override
        public Span attempt(String provider, String model, int attempt) {
          return Span.NONE;
        }
      };

  /** The 32-hex-digit trace id, or null when the request is not traced. */
  String traceId();

  /**
   * The {@code traceparent} header for an upstream call made now (naming the open attempt span as
   * parent), or null when none is to be sent.
   */
  String traceparent();

  /** Starts the span of one stage's request ({@code onResponse} false) or response phase. */
  Span stage(String name, boolean onResponse);

  /** Starts the span of one upstream attempt; {@link #traceparent} names it until it ends. */
  Span attempt(String provider, String model, int attempt);
}
