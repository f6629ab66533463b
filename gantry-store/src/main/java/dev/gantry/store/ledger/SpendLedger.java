package dev.gantry.store.ledger;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The durable spend ledger. One shared, thread-safe instance per {@link dev.gantry.store.Store}.
 *
 * <p>{@link #append} does not block: it queues the row for the store's group-commit writer, and the
 * future completes once the row's transaction has committed. A request that has an audit record
 * writes its row through {@link dev.gantry.store.audit.AuditLog#append(
 * dev.gantry.store.audit.AuditRecord, SpendEntry)} instead, in the same transaction, so that after
 * a crash the ledger and the audit log hold the same requests. The other methods are blocking JDBC:
 * call them on a worker.
 */
public interface SpendLedger {
  /** Queues one row; the future completes when it is committed. */
  CompletableFuture<Long> append(SpendEntry entry);

  /** USD micro-units spent by a tenant, key, customer or tag in a time window. */
  long spent(SpendQuery query);

  /** Sums grouped by the query's dimensions, ordered by the group values. */
  List<UsageRow> usage(UsageQuery query);
}
