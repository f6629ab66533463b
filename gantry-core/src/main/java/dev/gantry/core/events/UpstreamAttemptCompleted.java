package dev.gantry.core.events;

/**
 * One upstream attempt ended, successfully or not (a failure is also published as {@link
 * UpstreamAttemptFailed}). For a stream the attempt lasts until its last chunk.
 *
 * @param status the upstream's HTTP status, 0 when no response arrived, -1 when unknown
 * @param errorType the failure's code, or null for a success
 * @param nanos the attempt's duration, in nanoseconds
 */
public record UpstreamAttemptCompleted(
    String requestId,
    String route,
    String provider,
    String model,
    int attempt,
    int status,
    String errorType,
    long nanos)
    implements GantryEvent {

  public boolean succeeded() {
    return errorType == null;
  }
}
