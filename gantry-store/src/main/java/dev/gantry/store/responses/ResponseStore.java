package dev.gantry.store.responses;

import java.util.Optional;

/**
 * Stored Responses API answers, scoped by tenant. Bodies are sealed with the active data key when
 * one is configured. Thread-safe; every method is a blocking JDBC call (run it on a worker pool).
 */
public interface ResponseStore {

  /** Stores (or replaces) a response. */
  void put(StoredResponse response);

  /** The response with this id of this tenant, unless it expired; empty otherwise. */
  Optional<StoredResponse> get(String tenant, String id);

  /** Deletes the response with this id of this tenant; true when there was one. */
  boolean delete(String tenant, String id);

  /** Removes every response whose retention has ended; returns how many. */
  long purgeExpired();
}
