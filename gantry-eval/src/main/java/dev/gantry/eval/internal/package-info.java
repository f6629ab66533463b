/**
 * Helpers shared by the eval packages and not part of the public API: typed reading of suite fields
 * with messages that name the field path, SHA-256 hashing of canonical JSON, an on-disk key-value
 * store for cached responses and judgements, and lenient extraction of JSON from model output.
 * Everything here is stateless or thread-safe.
 */
package dev.gantry.eval.internal;
