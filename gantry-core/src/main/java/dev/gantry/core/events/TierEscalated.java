package dev.gantry.core.events;

/**
 * A cascade discarded a cheaper tier's answer and asked the next tier.
 *
 * @param reason why the answer was not good enough, e.g. {@code dont_know}
 */
public record TierEscalated(String requestId, String route, String from, String to, String reason)
    implements GantryEvent {}
