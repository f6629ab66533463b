package dev.gantry.store.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server's HMAC key (at least 32 bytes): API keys are stored as {@code HMAC-SHA-256(secret,
 * key)}, so a copy of the database alone does not let anyone authenticate, and erased customers are
 * referred to by a keyed pseudonym. Changing the secret invalidates every stored key. Immutable and
 * thread-safe; {@link #toString()} never shows the bytes.
 */
public final class ServerSecret {
  /** Fewest bytes accepted: the HMAC-SHA-256 block's security level. */
  public static final int MIN_BYTES = 32;

  private final byte[] bytes;

  private ServerSecret(byte[] bytes) {
    if (bytes.length < MIN_BYTES) {
      throw new IllegalArgumentException(
          "the server secret must be at least " + MIN_BYTES + " bytes, was " + bytes.length);
    }
    this.bytes = bytes.clone();
  }

  public static ServerSecret of(byte[] bytes) {
    return new ServerSecret(Objects.requireNonNull(bytes, "bytes"));
  }

  /** A secret given as base64 (e.g. {@code openssl rand -base64 32}). */
  public static ServerSecret fromBase64(String base64) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the server secret is not valid base64");
    }
    return new ServerSecret(bytes);
  }

  /** A secret given as text; its UTF-8 bytes are the key. */
  public static ServerSecret fromText(String text) {
    return new ServerSecret(text.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code HMAC-SHA-256(this, message)}, 32 bytes. */
  public byte[] hmac(byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(bytes, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  /** A key for one purpose derived from this one, so uses of the secret cannot be confused. */
  public ServerSecret derive(String purpose) {
    return new ServerSecret(hmac(("gantry/" + purpose).getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public String toString() {
    return "ServerSecret[****]";
  }
}
