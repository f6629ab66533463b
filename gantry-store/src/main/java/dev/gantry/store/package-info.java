/**
 * Gantry's durable state behind one handle, {@link dev.gantry.store.Store}: a SQLite file in the
 * data directory by default, or a shared PostgreSQL database when several gateway replicas run.
 * {@link dev.gantry.store.Store#open(StoreConfig)} migrates the schema (Flyway, one script set per
 * {@link dev.gantry.store.Dialect}) and hands out the API-key store, the hash-chained audit log and
 * data-key rotation. Every method that touches the database is blocking JDBC: callers on an event
 * loop run them on a worker pool; the only exception is audit {@code append}, which only enqueues.
 */
package dev.gantry.store;
