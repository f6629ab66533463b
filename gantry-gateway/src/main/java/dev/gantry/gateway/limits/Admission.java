package dev.gantry.gateway.limits;

import java.util.concurrent.CompletionStage;

/**
 * Reserve-then-settle admission against counted limits: the one interface through which requests
 * claim spend (and, later, rate and concurrency) against every limit that applies to them.
 *
 * <p>{@link #reserve} checks and reserves <em>atomically</em> over all charges of a claim: either
 * every counter takes the reservation or none does, and no other claim can slip between the check
 * and the reservation. A counter's used amount is its settled total (including the durable baseline
 * the implementation loads for the window) plus the reservations it holds. After the request,
 * {@link Permit#settle} replaces the reservation by the actual amount; a reservation that is never
 * settled expires after the claim's TTL, measured on the implementation's ticker.
 *
 * <p>Implementations: {@link LocalAdmission} (one process; counters in memory, seeded from the
 * spend ledger); a shared one (Redis: the check-and-reserve of one claim in one script, TTLs as key
 * expiries) gives the same guarantee across replicas. Shared and thread-safe; {@link #reserve} must
 * not block the calling thread (an implementation that needs I/O completes the stage later).
 */
public interface Admission extends AutoCloseable {

  /** Reserves every charge of {@code claim}, or none. */
  CompletionStage<Decision> reserve(Claim claim);

  /** Releases what the implementation holds (connections, timers). */
  @Override
  default void close() {}
}
