package dev.gantry.store.internal;

/** Lower-case RFC 4648 base32 without padding: letters and digits 2-7, easy to select and read. */
final class Base32 {
  static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

  private Base32() {}

  /** The first {@code chars} characters of the encoding of {@code bytes} (5 bits each). */
  static String encode(byte[] bytes, int chars) {
    if (chars * 5 > bytes.length * 8 + 4) {
      throw new IllegalArgumentException(chars + " characters need more than " + bytes.length);
    }
    StringBuilder out = new StringBuilder(chars);
    int buffer = 0;
    int bits = 0;
    int i = 0;
    while (out.length() < chars) {
      if (bits < 5) {
        buffer = (buffer << 8) | (i < bytes.length ? bytes[i] & 0xff : 0);
        i++;
        bits += 8;
      }
      out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
      bits -= 5;
    }
    return out.toString();
  }
}
