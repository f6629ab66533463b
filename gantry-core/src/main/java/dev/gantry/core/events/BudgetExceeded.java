package dev.gantry.core.events;

import java.time.Instant;

/**
 * A hard spend limit refused a request (429 {@code budget_exceeded}). Amounts in USD micro-units.
 *
 * @param code the limit's error code, e.g. {@code customer_daily}
 * @param subject the tenant, key, customer or tag the limit counts
 * @param spentMicros settled plus reserved spend of the period when the request was refused
 * @param requestMicros the request's worst-case cost that did not fit
 */
public record BudgetExceeded(
    String requestId,
    String tenant,
    String code,
    String subject,
    long limitMicros,
    long spentMicros,
    long requestMicros,
    Instant resetsAt)
    implements GantryEvent {}
