package dev.gantry.guardrails.pii;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recognisers that are a pattern plus a validity check: e-mail addresses, payment cards (Luhn
 * and issuer prefix), IBANs (country length and mod 97; lower case accepted for countries of known
 * length), US social security numbers (the SSA's never-issued ranges excluded) and IP addresses
 * (each octet 0..255; IPv6 in full or compressed form).
 */
final class RegexRecognizers {
  private RegexRecognizers() {}

  static final Recognizer EMAIL =
      pattern(
          Pattern.compile(
              "(?<![\\w.%+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}(?![\\w-])"),
          PiiType.EMAIL,
          0.95,
          m -> !m.group().contains(".."));

  static final Recognizer PAYMENT_CARD =
      pattern(
          Pattern.compile("(?<![\\d-])(?:\\d[ -]?){12,18}\\d(?![\\d-])"),
          PiiType.PAYMENT_CARD,
          0.9,
          m -> {
            String digits = m.group().replaceAll("[ -]", "");
            return digits.length() >= 13
                && digits.length() <= 19
                && knownIssuer(digits)
                && Checksums.luhn(digits)
                && !allSame(digits);
          });

  /** Lengths of IBANs per country (ISO 13616 registry), for the countries most often seen. */
  private static final Map<String, Integer> IBAN_LENGTHS =
      Map.ofEntries(
          Map.entry("AD", 24),
          Map.entry("AT", 20),
          Map.entry("BE", 16),
          Map.entry("BG", 22),
          Map.entry("CH", 21),
          Map.entry("CY", 28),
          Map.entry("CZ", 24),
          Map.entry("DE", 22),
          Map.entry("DK", 18),
          Map.entry("EE", 20),
          Map.entry("ES", 24),
          Map.entry("FI", 18),
          Map.entry("FR", 27),
          Map.entry("GB", 22),
          Map.entry("GR", 27),
          Map.entry("HR", 21),
          Map.entry("HU", 28),
          Map.entry("IE", 22),
          Map.entry("IS", 26),
          Map.entry("IT", 27),
          Map.entry("LI", 21),
          Map.entry("LT", 20),
          Map.entry("LU", 20),
          Map.entry("LV", 21),
          Map.entry("MC", 27),
          Map.entry("MT", 31),
          Map.entry("NL", 18),
          Map.entry("NO", 15),
          Map.entry("PL", 28),
          Map.entry("PT", 25),
          Map.entry("RO", 24),
          Map.entry("SE", 24),
          Map.entry("SI", 19),
          Map.entry("SK", 24),
          Map.entry("SM", 27),
          Map.entry("TR", 26),
          Map.entry("AE", 23),
          Map.entry("SA", 24),
          Map.entry("IL", 23),
          Map.entry("BR", 29));

  static final Recognizer IBAN =
      pattern(
          Pattern.compile(
              "(?<![A-Za-z0-9])[A-Za-z]{2}\\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,4})?(?![A-Za-z0-9])"),
          PiiType.IBAN,
          0.95,
          m -> {
            String written = m.group().replace(" ", "");
            String compact = written.toUpperCase(java.util.Locale.ROOT);
            Integer expected = IBAN_LENGTHS.get(compact.substring(0, 2));
            // Lower-case IBANs ("gb82west…") only for countries whose length is known.
            boolean upper = written.equals(compact);
            return (expected == null ? upper : expected == compact.length())
                && Checksums.ibanMod97(compact);
          });

  static final Recognizer US_SSN =
      pattern(
          Pattern.compile("(?<![\\d-])(\\d{3})-(\\d{2})-(\\d{4})(?![\\d-])"),
          PiiType.US_SSN,
          0.85,
          m -> {
            int area = Integer.parseInt(m.group(1));
            return area != 0
                && area != 666
                && area < 900
                && !m.group(2).equals("00")
                && !m.group(3).equals("0000");
          });

  static final Recognizer IPV4 =
      pattern(
          Pattern.compile(
              "(?<![\\d.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\d.]*\\d)"),
          PiiType.IP_ADDRESS,
          0.8,
          m -> true);

  static final Recognizer IPV6 =
      pattern(
          Pattern.compile(
              "(?<![:\\w])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![:\\w])"
                  + "|(?<![:\\w])(?:[0-9A-Fa-f]{1,4}:){1,6}(?::[0-9A-Fa-f]{1,4}){1,6}(?![:\\w])"
                  + "|(?<![:\\w])(?:[0-9A-Fa-f]{1,4}:){1,7}:(?![:\\w])"
                  + "|(?<![:\\w])::(?:[0-9A-Fa-f]{1,4}:){0,6}[0-9A-Fa-f]{1,4}(?![:\\w])"),
          PiiType.IP_ADDRESS,
          0.8,
          m ->
              m.group().chars().filter(c -> c == ':').count() >= 2 && m.group().indexOf(":::") < 0);

  private static boolean knownIssuer(String d) {
    int two = Integer.parseInt(d.substring(0, 2));
    int four = Integer.parseInt(d.substring(0, 4));
    return d.charAt(0) == '4' // Visa
        || (two >= 51 && two <= 55) // Mastercard
        || (four >= 2221 && four <= 2720) // Mastercard 2-series
        || two == 34
        || two == 37 // American Express
        || d.startsWith("6011")
        || d.startsWith("65")
        || (four >= 6440 && four <= 6499) // Discover
        || (four >= 3528 && four <= 3589) // JCB
        || two == 36
        || two == 38
        || (four >= 3000 && four <= 3059) // Diners Club
        || d.startsWith("62"); // UnionPay
  }

  private static boolean allSame(String d) {
    for (int i = 1; i < d.length(); i++) {
      if (d.charAt(i) != d.charAt(0)) {
        return false;
      }
    }
    return true;
  }

  /** A recogniser that reports each match of {@code pattern} that passes {@code valid}. */
  static Recognizer pattern(
      Pattern pattern, PiiType type, double score, java.util.function.Predicate<Matcher> valid) {
    return (text, out) -> {
      Matcher m = pattern.matcher(text);
      while (m.find()) {
        if (valid.test(m)) {
          out.add(new PiiSpan(m.start(), m.end(), type, score));
        }
      }
    };
  }
}
