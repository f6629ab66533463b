package dev.gantry.store.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM for stored payloads. Each {@link #seal} draws a fresh random 96-bit nonce, so one key
 * may seal up to about 2^32 payloads before the nonce-collision risk passes NIST's bound; rotate
 * the active key well before that. The associated data binds a ciphertext to its row (the store
 * passes the row's random salt), so a ciphertext copied into another row does not open.
 *
 * <p>Thread-safe: a {@link Cipher} is created per call.
 */
public final class PayloadCipher {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final DataKeys keys;
  private final SecureRandom random;

  public PayloadCipher(DataKeys keys, SecureRandom random) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Whether payloads can be sealed at all (some data key is configured). */
  public boolean canSeal() {
    return !keys.isEmpty();
  }

  /** Whether the key with this id is configured (payloads sealed with it can be opened). */
  public boolean hasKey(String keyId) {
    return keys.key(keyId).isPresent();
  }

  /** Id of the key that {@link #seal} uses. */
  public String activeKeyId() {
    return keys.activeId();
  }

  /** Seals {@code plaintext} under the active key, authenticating {@code aad} with it. */
  public SealedPayload seal(byte[] plaintext, byte[] aad) {
    String id = keys.activeId();
    SecretKey key = keys.key(id).orElseThrow();
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad);
      byte[] out = new byte[NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      cipher.doFinal(plaintext, 0, plaintext.length, out, NONCE_BYTES);
      return new SealedPayload(id, out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  /**
   * Opens a sealed payload.
   *
   * @throws PayloadUnreadableException when its key is not configured or authentication fails
   */
  public byte[] open(SealedPayload sealed, byte[] aad) {
    SecretKey key =
        keys.key(sealed.keyId())
            .orElseThrow(
                () ->
                    new PayloadUnreadableException(
                        "data key " + sealed.keyId() + " is not configured", null));
    byte[] bytes = sealed.bytes();
    if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new PayloadUnreadableException("sealed payload is too short", null);
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          key,
          new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(bytes, 0, NONCE_BYTES)));
      cipher.updateAAD(aad);
      return cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new PayloadUnreadableException(
          "sealed payload does not authenticate under data key " + sealed.keyId(), e);
    } catch (GeneralSecurityException e) {
      throw new PayloadUnreadableException("sealed payload cannot be opened", e);
    }
  }
}
