package dev.gantry.gateway.http;

import java.security.SecureRandom;

/**
 * Identifiers of the objects the inbound APIs hand out ({@code resp_…}, {@code msg_…}, {@code
 * fc_…}, {@code rs_…}, {@code toolu_…}): a prefix and 32 random hex digits. Response ids are looked
 * up in the store, so they come from a secure generator. Thread-safe.
 */
final class OpaqueIds {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private OpaqueIds() {}

  static String next(String prefix) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    StringBuilder id = new StringBuilder(prefix.length() + 32).append(prefix);
    for (byte b : bytes) {
      id.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
    }
    return id.toString();
  }
}
