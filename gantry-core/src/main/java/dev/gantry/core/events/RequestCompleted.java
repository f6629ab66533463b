package dev.gantry.core.events;

/**
 * A client request finished (successfully or not). Durations in nanoseconds; {@code provider} and
 * {@code model} are null when no upstream was called.
 *
 * @param tenant tenant of the key that called, or null when unknown
 * @param customer the end customer the request was for, or null
 * @param errorType the error's code (e.g. {@code rate_limit_exceeded}, {@code upstream_error}) when
 *     the status is not 2xx, else null
 * @param firstChunkNanos time from arrival to the first streamed chunk sent to the client, or -1
 *     for answers that were not streamed (or streams that sent nothing)
 * @param inputTokens prompt tokens as reported by the upstream, or -1 when unknown
 * @param outputTokens completion tokens as reported by the upstream, or -1 when unknown
 * @param traceId the W3C trace id of the request, or null when it was not traced
 */
public record RequestCompleted(
    String requestId,
    String endpoint,
    String route,
    String provider,
    String model,
    int status,
    int attempts,
    boolean stream,
    long totalNanos,
    long upstreamNanos,
    String tenant,
    String customer,
    String errorType,
    long firstChunkNanos,
    long inputTokens,
    long outputTokens,
    String traceId)
    implements GantryEvent {

  /** A completion without the request's tenant, tokens or stream timing. */
  public RequestCompleted(
      String requestId,
      String endpoint,
      String route,
      String provider,
      String model,
      int status,
      int attempts,
      boolean stream,
      long totalNanos,
      long upstreamNanos) {
    this(
        requestId,
        endpoint,
        route,
        provider,
        model,
        status,
        attempts,
        stream,
        totalNanos,
        upstreamNanos,
        null,
        null,
        null,
        -1,
        -1,
        -1,
        null);
  }

  /** True for a 5xx answer (the gateway or an upstream failed, or the request timed out). */
  public boolean serverError() {
    return status >= 500;
  }

  /** Time spent in Gantry itself (the total less upstream waits), in nanoseconds. */
  public long overheadNanos() {
    return Math.max(0, totalNanos - upstreamNanos);
  }
}
