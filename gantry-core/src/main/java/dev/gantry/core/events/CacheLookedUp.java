package dev.gantry.core.events;

/**
 * The response cache was consulted for a chat request.
 *
 * @param route the route (public model name)
 * @param outcome {@code hit}, {@code semantic-hit}, {@code miss} or {@code bypass}
 * @param guardRejection the false-hit guard's reason for refusing the nearest entry (negation,
 *     number, date, entity, comparison), or null when it did not refuse one
 * @param savedMicros on a hit, the upstream cost the stored answer had, in USD micro-units (what
 *     the hit avoided); 0 otherwise or when the cost was unknown
 */
public record CacheLookedUp(
    String requestId, String route, String outcome, String guardRejection, long savedMicros)
    implements GantryEvent {}
