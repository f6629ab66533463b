/**
 * Durable response-cache entries and purges, shared by every replica on one database. Each replica
 * keeps its own in-memory index and follows this log of entries and purges by sequence number.
 */
package dev.gantry.store.cache;
