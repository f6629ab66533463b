package dev.gantry.store.ledger;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A usage report: ledger rows of {@code [fromDay, toDay)} (days in the time zone they were recorded
 * in), optionally of one tenant and one customer, summed per combination of {@code groupBy}.
 *
 * @param tenant only this tenant's rows, or null for every tenant
 * @param customer only this customer's rows (within {@code tenant}), or null
 */
public record UsageQuery(
    List<Dimension> groupBy, String tenant, String customer, LocalDate fromDay, LocalDate toDay) {
  public UsageQuery {
    groupBy = List.copyOf(groupBy);
    Objects.requireNonNull(fromDay, "fromDay");
    Objects.requireNonNull(toDay, "toDay");
    if (groupBy.size() != groupBy.stream().distinct().count()) {
      throw new IllegalArgumentException("a dimension is named twice");
    }
  }
}
