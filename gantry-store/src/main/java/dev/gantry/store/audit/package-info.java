/**
 * The audit log: an append-only, hash-chained record of every model request ({@link
 * dev.gantry.store.audit.RequestRecord}) and every administrative change ({@link
 * dev.gantry.store.audit.AdminRecord}). {@link dev.gantry.store.audit.AuditLog} appends through one
 * writer thread that commits queued records in batches (group commit), each future completing only
 * after its batch has committed; {@link dev.gantry.store.audit.AuditLog#verify()} walks the chain
 * and names the first edited, deleted, inserted or reordered record ({@link
 * dev.gantry.store.audit.VerifyResult}). Retention purges a prefix of the chain behind an anchor,
 * and erasure of an end customer removes their identifier and payloads while the chain still
 * verifies, because records are hashed over salted commitments of those values, not the values.
 */
package dev.gantry.store.audit;
