package dev.gantry.core.events;

/**
 * A client request finished (successfully or not). Durations in nanoseconds; {@code provider} and
 * {@code model} are null when no upstream was called.
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
    long upstreamNanos)
    implements GantryEvent {}
