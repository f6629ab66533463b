package dev.gantry.store.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * An administrative change, as audited.
 *
 * @param time when it was made
 * @param tenant the tenant whose object changed, or null for a change that spans tenants
 * @param actorKeyId id of the key that made it ({@code system} for the store's own actions)
 * @param action what was done, e.g. {@code key.create}, {@code customer.erase}
 * @param objectType kind of object changed, e.g. {@code key}
 * @param objectId id of the object changed, or null
 * @param beforeJson the object before the change as JSON text, or null
 * @param afterJson the object after the change as JSON text, or null
 */
public record AdminRecord(
    Instant time,
    String tenant,
    String actorKeyId,
    String action,
    String objectType,
    String objectId,
    String beforeJson,
    String afterJson)
    implements AuditRecord {
  /** The actor recorded for actions the store takes itself (purge). */
  public static final String SYSTEM = "system";

  public AdminRecord {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(actorKeyId, "actorKeyId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(objectType, "objectType");
  }
}
