package dev.gantry.store.crypto;

/**
 * A sealed payload could not be opened: its key is not configured, or the ciphertext, nonce, tag or
 * associated data is not what was sealed (tampering, or the wrong key under the right id).
 */
public final class PayloadUnreadableException extends RuntimeException {
  public PayloadUnreadableException(String message, Throwable cause) {
    super(message, cause);
  }
}
