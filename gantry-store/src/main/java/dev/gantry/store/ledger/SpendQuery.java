package dev.gantry.store.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * Whose spend to add up over a time window (a spend limit's period).
 *
 * @param scope {@link Dimension#TENANT}, {@link Dimension#KEY}, {@link Dimension#CUSTOMER} or
 *     {@link Dimension#TAG}
 * @param tenant the tenant (customers and tags are counted within their tenant); for a key, null
 *     counts the key in every tenant
 * @param subject the tenant, key id, customer id or tag
 * @param from start of the window, inclusive
 * @param to end of the window, exclusive
 */
public record SpendQuery(Dimension scope, String tenant, String subject, Instant from, Instant to) {
  public SpendQuery {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (scope != Dimension.TENANT
        && scope != Dimension.KEY
        && scope != Dimension.CUSTOMER
        && scope != Dimension.TAG) {
      throw new IllegalArgumentException("spend is counted per tenant, key, customer or tag");
    }
    if ((scope == Dimension.CUSTOMER || scope == Dimension.TAG) && tenant == null) {
      throw new IllegalArgumentException("customers and tags are counted within a tenant");
    }
  }
}
