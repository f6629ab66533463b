package dev.gantry.store.audit;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The append-only, hash-chained audit log. One shared, thread-safe instance per {@link
 * dev.gantry.store.Store}.
 *
 * <p>{@link #append} does not block: it seals the payload (AES-GCM, on the caller's thread) and
 * enqueues the record for the store's single writer thread, which commits queued records in
 * batches, one transaction each. The future completes with the record's sequence number only after
 * that transaction has committed (so a record whose future completed survives a process kill), on
 * the writer thread: dependent stages must not block. Every other method is blocking JDBC.
 *
 * <p>Chain: record {@code n} stores {@code prev_hash} (the hash of record {@code n-1}, or of the
 * retention anchor) and {@code hash = SHA-256(canonical(n, fields, commitments) || prev_hash)}. The
 * customer and the payload enter the hash only as salted SHA-256 commitments, so erasing them (and
 * the salt) leaves every hash valid while making the commitments unlinkable. Several store
 * instances on one PostgreSQL database append to one chain: each batch locks the chain's head row.
 */
public interface AuditLog {
  /**
   * Queues a record. The future completes with its sequence number once committed, or exceptionally
   * with {@link AuditRejectedException} (queue full or log closed) or {@link
   * dev.gantry.store.StoreException} (its batch failed to commit).
   *
   * @throws IllegalStateException when the record carries a payload but no data keys are configured
   */
  CompletableFuture<Long> append(AuditRecord record);

  /**
   * Queues a record together with its request's spend-ledger row; both commit in the same
   * transaction, so after a crash the audit log and the ledger hold the same requests.
   */
  CompletableFuture<Long> append(AuditRecord record, dev.gantry.store.ledger.SpendEntry alongside);

  /** Walks the whole chain from the retention anchor to the head, in one consistent snapshot. */
  VerifyResult verify();

  /**
   * Writes the records with {@code from <= time < to} as JSON lines in chain order: every hashed
   * field, the commitments, {@code prev_hash} and {@code hash} (enough to recheck the chain without
   * the database), the customer while not erased, never the payload.
   *
   * @return records written
   */
  long export(Instant from, Instant to, Writer out) throws IOException;

  /**
   * Deletes the oldest records, up to (not including) the first one dated {@code olderThan} or
   * later, after checking that the part to delete is intact. The hash of the last deleted record
   * becomes the anchor that {@link #verify()} starts from, and an admin record {@code audit.purge}
   * is appended.
   *
   * @return records deleted
   * @throws AuditChainBrokenException when the part to delete is broken (nothing is deleted)
   */
  long purge(Instant olderThan);

  /**
   * Removes an end customer of {@code tenant} (customer ids are the tenant's applications' own, so
   * the same id in another tenant is another person) from every request record naming them (and
   * replaces their id in the spend ledger by {@code erased:<pseudonym>}): their identifier and
   * stored payloads, with the per-record salts that would let anyone link the remaining commitments
   * to them, and appends an admin record {@code customer.erase} that names the customer only by a
   * keyed pseudonym (HMAC under a key derived from the server secret). The chain still verifies.
   *
   * @return request records erased
   */
  long eraseCustomer(String tenant, String customerId, String actorKeyId);

  /**
   * Requests and tokens per route over the request records with {@code from <= time < to} of {@code
   * tenant} (null: every tenant), summed by the database over every matching record, in route
   * order.
   */
  List<RouteUsage> usage(String tenant, Instant from, Instant to);

  /** Records matching a query, newest first; a tenant query never returns another tenant's. */
  List<AuditEntry> list(AuditQuery query);

  /**
   * The decrypted payload of request record {@code seq} if it belongs to {@code tenant} (null: any
   * tenant, administrators only) and has one.
   */
  Optional<String> readPayload(String tenant, long seq);

  /** The keyed pseudonym under which {@link #eraseCustomer} records a customer. */
  String customerPseudonym(String tenant, String customerId);

  /** Writer counters. */
  WriterStats stats();
}
