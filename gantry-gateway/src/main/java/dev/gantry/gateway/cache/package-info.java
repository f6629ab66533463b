/**
 * The response cache: exact matches on the normalised request and semantic matches on the meaning
 * of the last user turn (everything else equal, and a false-hit guard that makes negation, numbers,
 * dates, named entities and comparison words agree), scoped to the tenant, with a TTL, replayed as
 * SSE for streamed requests, kept in the store and followed by every replica's in-memory index.
 */
package dev.gantry.gateway.cache;
