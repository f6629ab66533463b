package dev.gantry.store;

/**
 * The database failed (connection lost, disk full, constraint broken). Unchecked: callers cannot
 * recover locally and turn it into a 503 or a failed start-up. The message says what the store was
 * doing; the cause is the driver's exception.
 */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
