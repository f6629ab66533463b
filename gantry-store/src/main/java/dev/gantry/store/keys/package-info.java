/**
 * API keys: the {@link dev.gantry.store.keys.KeyStore} creates keys of the form {@code
 * gk_<8-character prefix>_<52-character secret>} (256 random bits), shows the plaintext once and
 * keeps only the prefix and an HMAC-SHA-256 of the whole key under the {@link
 * dev.gantry.store.keys.ServerSecret}; it authenticates a presented key by looking the prefix up
 * and comparing HMACs in constant time, and refuses revoked and expired keys. Each {@link
 * dev.gantry.store.keys.KeyRecord} belongs to one tenant, has one {@link
 * dev.gantry.store.keys.Role} and may be limited to some routes and endpoints.
 */
package dev.gantry.store.keys;
