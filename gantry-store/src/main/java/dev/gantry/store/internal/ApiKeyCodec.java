package dev.gantry.store.internal;

import java.security.SecureRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plaintext form of API keys: {@code gk_<prefix>_<secret>}, the prefix 8 base32 characters (40
 * random bits, shown in listings and used to find the row) and the secret 52 base32 characters (256
 * random bits). A key not in this form (an operator-chosen bootstrap key) is found by a prefix
 * derived from its HMAC instead, so it needs no stored plaintext either.
 */
final class ApiKeyCodec {
  static final int PREFIX_CHARS = 8;
  static final int SECRET_BYTES = 32;
  static final int SECRET_CHARS = 52;
  static final int MIN_OPAQUE = 24;
  static final int MAX_LENGTH = 512;
  private static final Pattern FORMAT = Pattern.compile("gk_([a-z2-7]{8})_[a-z2-7]{52}");

  record Generated(String prefix, String plaintext) {}

  private ApiKeyCodec() {}

  static Generated generate(SecureRandom random) {
    byte[] p = new byte[5];
    random.nextBytes(p);
    byte[] s = new byte[SECRET_BYTES];
    random.nextBytes(s);
    String prefix = Base32.encode(p, PREFIX_CHARS);
    return new Generated(prefix, "gk_" + prefix + "_" + Base32.encode(s, SECRET_CHARS));
  }

  static boolean isGenerated(String key) {
    return FORMAT.matcher(key).matches();
  }

  /** The prefix to look a presented key up by. */
  static String lookupPrefix(String key, byte[] hmac) {
    Matcher m = FORMAT.matcher(key);
    return m.matches() ? m.group(1) : Base32.encode(hmac, PREFIX_CHARS);
  }

  static String newId(SecureRandom random) {
    byte[] b = new byte[10];
    random.nextBytes(b);
    return "key_" + Base32.encode(b, 16);
  }
}
