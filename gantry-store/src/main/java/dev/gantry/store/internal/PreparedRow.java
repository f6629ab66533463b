package dev.gantry.store.internal;

/**
 * An audit record ready to be chained: its hashed fields plus the erasable values (customer, the
 * salt of the commitments, the sealed payload) that the hash covers only through commitments.
 */
record PreparedRow(
    ChainFields fields, String customer, byte[] salt, byte[] payload, String payloadKeyId) {}
