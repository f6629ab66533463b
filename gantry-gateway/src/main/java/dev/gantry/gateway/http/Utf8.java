package dev.gantry.gateway.http;

/**
 * Strict UTF-8 validation (RFC 3629): refuses overlong forms such as {@code C0 80}, encoded
 * surrogates ({@code ED A0 80}), code points above U+10FFFF and truncated or stray continuation
 * bytes, which a lenient decoder would turn into characters that checks on the decoded text never
 * see as the client sent them. Stateless.
 */
final class Utf8 {
  private Utf8() {}

  /** The offset of the first byte that is not part of valid UTF-8, or -1 when all are valid. */
  static int firstInvalid(byte[] b) {
    int i = 0;
    int n = b.length;
    while (i < n) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        i++;
        continue;
      }
      int len;
      int lo = 0x80;
      int hi = 0xbf;
      if (c >= 0xc2 && c <= 0xdf) {
        len = 2;
      } else if (c >= 0xe0 && c <= 0xef) {
        len = 3;
        if (c == 0xe0) {
          lo = 0xa0; // no overlong three-byte forms
        } else if (c == 0xed) {
          hi = 0x9f; // no surrogates
        }
      } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4;
        if (c == 0xf0) {
          lo = 0x90; // no overlong four-byte forms
        } else if (c == 0xf4) {
          hi = 0x8f; // nothing above U+10FFFF
        }
      } else {
        return i; // C0, C1 (overlong two-byte forms), F5..FF, or a stray continuation byte
      }
      if (i + len > n) {
        return i;
      }
      int second = b[i + 1] & 0xff;
      if (second < lo || second > hi) {
        return i;
      }
      for (int k = 2; k < len; k++) {
        int cont = b[i + k] & 0xff;
        if (cont < 0x80 || cont > 0xbf) {
          return i;
        }
      }
      i += len;
    }
    return -1;
  }
}
