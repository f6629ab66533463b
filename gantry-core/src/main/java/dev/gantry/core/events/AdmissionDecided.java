package dev.gantry.core.events;

/**
 * A rate-limited request was admitted after waiting in the queue, or refused.
 *
 * @param requestId the request
 * @param admitted true when it was admitted (after waiting), false when refused
 * @param code the limit that made it wait or refused it, e.g. {@code customer_requests}
 * @param status 0 when admitted, else the HTTP status of the refusal (429 or 503)
 * @param waitedNanos how long it waited in the queue
 * @param shed true when it was refused to make room for a higher-priority request (or as the lowest
 *     priority one when the queue was full)
 */
public record AdmissionDecided(
    String requestId, boolean admitted, String code, int status, long waitedNanos, boolean shed)
    implements GantryEvent {}
