package dev.gantry.store.audit;

import java.util.Objects;

/**
 * A stored audit record with its place in the chain.
 *
 * @param seq position in the chain, 1 for the first record ever appended
 * @param record the record; a {@link RequestRecord}'s payload is always null here
 * @param hasPayload whether an encrypted payload is stored (see {@link AuditLog#readPayload})
 * @param erased whether its customer and payload were erased
 * @param prevHash hex SHA-256 of the previous record
 * @param hash hex SHA-256 of this record
 */
public record AuditEntry(
    long seq,
    AuditRecord record,
    boolean hasPayload,
    boolean erased,
    String prevHash,
    String hash) {
  public AuditEntry {
    Objects.requireNonNull(record, "record");
  }
}
