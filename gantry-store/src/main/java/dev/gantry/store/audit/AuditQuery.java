package dev.gantry.store.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * Which audit records {@link AuditLog#list} returns: those with {@code from <= time < to}, of one
 * tenant (or of all, for administrators), newest first, at most {@code limit}, and only those with
 * a sequence number below {@code beforeSeq} when it is set (for paging).
 */
public record AuditQuery(
    String tenant, boolean allTenants, Instant from, Instant to, Long beforeSeq, int limit) {
  public AuditQuery {
    if (allTenants == (tenant != null)) {
      throw new IllegalArgumentException("name exactly one tenant, or ask for all tenants");
    }
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("limit must be 1..10000, was " + limit);
    }
  }

  /** One tenant's records. */
  public static AuditQuery forTenant(String tenant, Instant from, Instant to, int limit) {
    return new AuditQuery(Objects.requireNonNull(tenant, "tenant"), false, from, to, null, limit);
  }

  /** Every tenant's records (administrators only). */
  public static AuditQuery allTenants(Instant from, Instant to, int limit) {
    return new AuditQuery(null, true, from, to, null, limit);
  }

  /** The next page: records older than {@code seq}. */
  public AuditQuery before(long seq) {
    return new AuditQuery(tenant, allTenants, from, to, seq, limit);
  }
}
