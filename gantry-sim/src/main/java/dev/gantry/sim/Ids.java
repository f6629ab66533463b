package dev.gantry.sim;

import java.util.random.RandomGenerator;

/**
 * Provider-style identifiers ({@code chatcmpl-…}, {@code call_…}, {@code msg_…}, {@code toolu_…}).
 */
final class Ids {
  private static final char[] ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

  private Ids() {}

  /** {@code prefix} followed by 24 base-62 characters drawn from {@code random}. */
  static String next(String prefix, RandomGenerator random) {
    char[] out = new char[prefix.length() + 24];
    prefix.getChars(0, prefix.length(), out, 0);
    for (int i = prefix.length(); i < out.length; i++) {
      out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }
}
