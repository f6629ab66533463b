package dev.gantry.core.events;

import dev.gantry.core.api.Usage;
import dev.gantry.core.cost.Cost;
import java.util.List;

/**
 * A chat request is over and this is what it cost: every upstream call summed (discarded cascade
 * attempts included). Published once per request by the cost component; metrics and the dashboard
 * subscribe. {@code cost.micros()} is USD micro-units.
 *
 * @param tier the tier that answered, or null for a route without tiers
 * @param escalations how many times a cascade moved the request to the next tier
 * @param tokensSaved input tokens the optimiser removed
 */
public record RequestCosted(
    String requestId,
    String tenant,
    String route,
    String provider,
    String model,
    String tier,
    int status,
    Usage usage,
    Cost cost,
    int escalations,
    long tokensSaved,
    List<String> tags)
    implements GantryEvent {}
