package dev.gantry.core.events;

/**
 * One upstream attempt failed. {@code status} is the upstream HTTP status, or 0 when no response
 * arrived (connect error, timeout, reset); {@code willRetry} tells whether another attempt follows.
 */
public record UpstreamAttemptFailed(
    String requestId,
    String route,
    String provider,
    String model,
    int attempt,
    int status,
    String reason,
    boolean willRetry)
    implements GantryEvent {}
