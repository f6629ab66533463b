package dev.gantry.store.crypto;

import java.util.Objects;

/**
 * A payload sealed by {@link PayloadCipher}: the id of the data key and {@code nonce (12 bytes) ||
 * ciphertext || GCM tag (16 bytes)}. The byte array is not copied; do not change it.
 */
public record SealedPayload(String keyId, byte[] bytes) {
  public SealedPayload {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(bytes, "bytes");
  }

  @Override
  public String toString() {
    return "SealedPayload[keyId=" + keyId + ", bytes=" + bytes.length + "]";
  }
}
