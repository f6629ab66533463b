package dev.gantry.core.events;

/**
 * The shared store of rate limits (Redis) became unreachable or answers again.
 *
 * @param available true when it answers again, false when it stopped answering
 * @param onFailure the configured behaviour meanwhile: {@code fail_open} or {@code fail_closed}
 */
public record SharedLimitsChanged(boolean available, String onFailure) implements GantryEvent {}
