package dev.gantry.store.internal;

/** One stored audit row as the verifier sees it; {@code erasedAt} is epoch ms or null. */
record ChainRow(
    long seq,
    ChainFields fields,
    String prevHash,
    String hash,
    String customer,
    byte[] salt,
    byte[] payload,
    String payloadKeyId,
    Long erasedAt) {}
