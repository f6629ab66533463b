package dev.gantry.guardrails.pii;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers that libphonenumber cannot validate (unknown region, made-up area code, local
 * formats such as {@code 75 196 772}) but that are written like one and announced as one. A digit
 * group run of 6 to 15 digits (spaces, dots, dashes, a bracketed area code, an optional {@code +}
 * or {@code 00} prefix and an {@code x123} extension) is reported when:
 *
 * <ul>
 *   <li>it has the North American shape {@code (650)253-0000}, {@code 650-253-0000} or {@code
 *       650.253.0000}; or
 *   <li>a phone word comes shortly before it on the same line ("phone", "call", "fax", "reach us",
 *       "answering at"…) or right after it ("office", "mobile", "fax").
 * </ul>
 *
 * Dates, times and SSN-shaped runs are not reported. Stateless and thread-safe.
 */
final class PhoneShapeRecognizer implements Recognizer {
  static final double SCORE = 0.65;

  private static final Pattern CANDIDATE =
      Pattern.compile(
          "(?<![\\w+.-])(?:\\+\\d{1,3}[ .-]?|00\\d?[ .-]?)?(?:\\(\\d{1,4}\\)[ .-]?)?\\d{1,10}(?:[ .-]\\d{1,10}){0,5}(?:[ ]?(?:x|ext\\.?[ ]?)\\d{1,6})?(?![\\w]|[.-]\\d)");

  private static final Pattern NANP =
      Pattern.compile(
          "(?:(?:\\+1|001)[ .-]?)?(?:\\(\\d{3}\\)[ ]?\\d{3}-\\d{4}|\\d{3}-\\d{3}-\\d{4}|\\d{3}\\.\\d{3}\\.\\d{4})(?:[ ]?(?:x|ext\\.?[ ]?)\\d{1,6})?");

  private static final Pattern CUE_BEFORE =
      Pattern.compile(
          "(?i)\\b(?:phone|telephone|tel|mobile|cell|cellphone|fax|call|calling|ring|dial|whatsapp|sms|text me|reach (?:me|us|you|him|her|them)|answering|contact)\\b[^\\n\\d]{0,25}$");

  private static final Pattern CUE_AFTER =
      Pattern.compile("(?i)^[ -]?(?:office|mobile|cell|fax|home|work|phone)\\b");

  private static final Pattern DATE_OR_TIME =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[.-]\\d{1,2}[.-]\\d{4}|\\d{3}-\\d{2}-\\d{4}");

  @Override
  public void find(String text, List<PiiSpan> out) {
    Matcher m = CANDIDATE.matcher(text);
    while (m.find()) {
      String value = m.group();
      int digits = 0;
      for (int i = 0; i < value.length(); i++) {
        if (Character.isDigit(value.charAt(i))) {
          digits++;
        }
      }
      int extension = value.toLowerCase(Locale.ROOT).indexOf('x');
      int mainDigits = extension < 0 ? digits : countDigits(value.substring(0, extension));
      if (mainDigits < 6 || mainDigits > 15 || DATE_OR_TIME.matcher(value).matches()) {
        continue;
      }
      boolean shaped = NANP.matcher(value).matches();
      if (shaped || hasCue(text, m.start(), m.end())) {
        out.add(new PiiSpan(m.start(), m.end(), PiiType.PHONE, SCORE));
      }
    }
  }

  private static boolean hasCue(String text, int start, int end) {
    String before = text.substring(Math.max(0, start - 40), start);
    String after = text.substring(end, Math.min(text.length(), end + 12));
    return CUE_BEFORE.matcher(before).find() || CUE_AFTER.matcher(after).find();
  }

  private static int countDigits(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (Character.isDigit(s.charAt(i))) {
        n++;
      }
    }
    return n;
  }
}
