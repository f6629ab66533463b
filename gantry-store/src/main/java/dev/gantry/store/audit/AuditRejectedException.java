package dev.gantry.store.audit;

/**
 * An audit record was not accepted: the writer's queue is full (the database is not keeping up; the
 * caller should shed load or fail the request) or the log is closed.
 */
public final class AuditRejectedException extends RuntimeException {
  /** Why the record was refused. */
  public enum Reason {
    QUEUE_FULL,
    CLOSED
  }

  private final Reason reason;

  public AuditRejectedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
