package dev.gantry.core.events;

import java.time.Instant;

/**
 * Spend reached a soft limit: published once per limit, subject and period, by the settlement that
 * crossed it. Amounts in USD micro-units.
 *
 * @param code the limit, e.g. {@code tenant_monthly}
 * @param periodStart start of the calendar period, in the configured time zone
 */
public record SpendLimitWarning(
    String tenant,
    String code,
    String subject,
    long softMicros,
    long spentMicros,
    Instant periodStart,
    Instant periodEnd)
    implements GantryEvent {}
