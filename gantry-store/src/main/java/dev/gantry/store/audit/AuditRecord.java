package dev.gantry.store.audit;

import java.time.Instant;

/** One thing that happened, as the audit log records it. */
public sealed interface AuditRecord permits RequestRecord, AdminRecord {
  /** When it happened (stored with millisecond precision). */
  Instant time();

  /** The tenant it belongs to; null only for admin actions that span tenants. */
  String tenant();
}
