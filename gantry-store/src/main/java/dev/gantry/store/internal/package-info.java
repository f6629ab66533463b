/**
 * How the store does its work, not part of its API: connection pools and transactions ({@link
 * dev.gantry.store.internal.Db}), the SQL key store, the audit log's canonical hashing, chain
 * verification and group-commit writer. Only {@link dev.gantry.store.Store} should construct these
 * classes; their signatures may change without notice.
 */
package dev.gantry.store.internal;
