package dev.gantry.guardrails.pii;

/** The check-digit algorithms that separate real identifiers from look-alike digit runs. */
final class Checksums {
  private Checksums() {}

  /** Luhn (mod 10) over the digits of {@code s}, ignoring anything that is not a digit. */
  static boolean luhn(CharSequence s) {
    int sum = 0;
    boolean doubleIt = false;
    int digits = 0;
    for (int i = s.length() - 1; i >= 0; i--) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int d = c - '0';
      if (doubleIt) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubleIt = !doubleIt;
      digits++;
    }
    return digits > 0 && sum % 10 == 0;
  }

  /**
   * ISO 13616 IBAN check: move the first four characters to the end, map letters to 10..35 and
   * require the number mod 97 to be 1. {@code iban} holds only letters and digits.
   */
  static boolean ibanMod97(String iban) {
    if (iban.length() < 15 || iban.length() > 34) {
      return false;
    }
    String rearranged = iban.substring(4) + iban.substring(0, 4);
    int remainder = 0;
    for (int i = 0; i < rearranged.length(); i++) {
      char c = rearranged.charAt(i);
      int value;
      if (c >= '0' && c <= '9') {
        value = c - '0';
      } else if (c >= 'A' && c <= 'Z') {
        value = c - 'A' + 10;
      } else {
        return false;
      }
      remainder = value < 10 ? (remainder * 10 + value) % 97 : (remainder * 100 + value) % 97;
    }
    return remainder == 1;
  }
}
