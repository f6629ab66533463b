package dev.gantry.guardrails.injection;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds text hidden in an encoding a model can read but a pattern cannot: base64 (standard and
 * URL-safe), hexadecimal (plain runs, {@code \x41} escapes, space-separated bytes), percent
 * encoding and rot13. Only decodings that come out as readable text (valid UTF-8, mostly printable,
 * with at least one space) are kept, so hashes, keys and binary data are not reported. Stateless
 * and thread-safe.
 */
final class PayloadDecoder {
  private PayloadDecoder() {}

  /** At most this many payloads are decoded from one text. */
  static final int MAX_PAYLOADS = 4;

  /**
   * A decoded payload.
   *
   * @param encoding base64, hex, url or rot13
   * @param text the decoded text
   */
  record Payload(String encoding, String text) {}

  private static final Pattern HEX_ESCAPES = Pattern.compile("(?:\\\\x[0-9a-fA-F]{2}){4,}");
  private static final Pattern HEX_BYTES =
      Pattern.compile("(?<![0-9A-Za-z])(?:[0-9a-fA-F]{2}[ ,:]){7,}[0-9a-fA-F]{2}(?![0-9A-Za-z])");
  private static final Pattern URL = Pattern.compile("\\S*(?:%[0-9A-Fa-f]{2}\\S*){3,}");
  private static final Pattern ESCAPE_PREFIX = Pattern.compile("\\\\x");
  private static final Pattern BYTE_SEPARATOR = Pattern.compile("[ ,:]");

  /** Shortest base64 or hex run worth decoding, in characters. */
  private static final int MIN_RUN = 16;

  /** Common English words, and words of instructions, that rot13 decoding should produce. */
  private static final Set<String> ENGLISH_MARKERS =
      Set.of(
          "the",
          "and",
          "you",
          "your",
          "ignore",
          "instructions",
          "prompt",
          "all",
          "previous",
          "with",
          "this",
          "what",
          "write",
          "tell",
          "system",
          "reveal",
          "password",
          "secret",
          "from");

  private static final Set<String> ROT13_MARKERS = rot13All(ENGLISH_MARKERS);

  /** Fragments of rot13 text, one of which nearly every rot13-encoded instruction contains. */
  private static final List<String> ROT13_PREFILTER =
      List.of("gur ", "naq ", "lbh", "vtaber", "vafgehpg", "cerivbhf", "flfgrz", "cebzcg", "nyy ");

  static List<Payload> decode(String text) {
    List<Payload> out = new ArrayList<>();
    runs(text, out);
    if (out.size() < MAX_PAYLOADS && text.contains("\\x")) {
      hex(HEX_ESCAPES.matcher(text), out, ESCAPE_PREFIX);
    }
    if (out.size() < MAX_PAYLOADS && hasSpacedHexBytes(text)) {
      hex(HEX_BYTES.matcher(text), out, BYTE_SEPARATOR);
    }
    if (out.size() < MAX_PAYLOADS && text.indexOf('%') >= 0) {
      Matcher u = URL.matcher(text);
      while (u.find() && out.size() < MAX_PAYLOADS) {
        try {
          String decoded = URLDecoder.decode(u.group(), StandardCharsets.UTF_8);
          if (readable(decoded)) {
            out.add(new Payload("url", decoded));
          }
        } catch (IllegalArgumentException e) {
          // a lone % that is not an escape: not percent-encoded text
        }
      }
    }
    if (out.size() < MAX_PAYLOADS) {
      String lower = text.toLowerCase(Locale.ROOT);
      if (mayBeRot13(lower) && count(lower, ROT13_MARKERS) >= 2) {
        String decoded = rot13(text);
        int after = count(decoded.toLowerCase(Locale.ROOT), ENGLISH_MARKERS);
        if (after >= 2 && after > count(lower, ENGLISH_MARKERS)) {
          out.add(new Payload("rot13", decoded));
        }
      }
    }
    return out;
  }

  /**
   * One pass over the text for maximal runs of base64 characters (standard and URL-safe alphabets,
   * up to two {@code =} of padding) of at least {@link #MIN_RUN}: a run of hex digits is decoded as
   * hex, any other run that mixes letter cases or letters and digits as base64.
   */
  private static void runs(String text, List<Payload> out) {
    int n = text.length();
    int i = 0;
    while (i < n && out.size() < MAX_PAYLOADS) {
      if (!isBase64(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      boolean allHex = true;
      while (i < n && isBase64(text.charAt(i))) {
        allHex &= Character.digit(text.charAt(i), 16) >= 0;
        i++;
      }
      int end = i;
      while (i < n && i - end < 2 && text.charAt(i) == '=') {
        i++;
      }
      if (end - start < MIN_RUN || (i < n && (isBase64(text.charAt(i)) || text.charAt(i) == '='))) {
        continue;
      }
      String run = text.substring(start, end);
      if (allHex && run.length() % 2 == 0) {
        String decoded = hexText(run);
        if (decoded != null) {
          out.add(new Payload("hex", decoded));
          continue;
        }
      }
      if (mixesCharacterClasses(run)) {
        String decoded = base64(run);
        if (decoded != null) {
          out.add(new Payload("base64", decoded));
        }
      }
    }
  }

  private static boolean isBase64(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '/'
        || c == '-'
        || c == '_';
  }

  /** At least eight two-hex-digit tokens in a row, separated by one space, comma or colon. */
  private static boolean hasSpacedHexBytes(String text) {
    int inRow = 0;
    int n = text.length();
    for (int i = 0; i + 1 < n; ) {
      boolean pair =
          Character.digit(text.charAt(i), 16) >= 0
              && Character.digit(text.charAt(i + 1), 16) >= 0
              && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))
              && (i + 2 == n || !Character.isLetterOrDigit(text.charAt(i + 2)));
      if (pair) {
        if (++inRow >= 8) {
          return true;
        }
        i += 3;
      } else {
        inRow = 0;
        i++;
      }
    }
    return false;
  }

  private static String hexText(String digits) {
    try {
      String decoded = utf8(HexFormat.of().parseHex(digits));
      return decoded != null && readable(decoded) ? decoded : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A cheap test that rules out almost every text before counting rot13 words. */
  private static boolean mayBeRot13(String lower) {
    for (String marker : ROT13_PREFILTER) {
      if (lower.contains(marker)) {
        return true;
      }
    }
    return false;
  }

  private static void hex(Matcher m, List<Payload> out, Pattern separator) {
    while (m.find() && out.size() < MAX_PAYLOADS) {
      String digits = separator.matcher(m.group()).replaceAll("");
      String decoded = digits.length() % 2 == 0 ? hexText(digits) : null;
      if (decoded != null) {
        out.add(new Payload("hex", decoded));
      }
    }
  }

  private static boolean mixesCharacterClasses(String run) {
    boolean upper = false;
    boolean lower = false;
    boolean digitOrSymbol = false;
    for (int i = 0; i < run.length(); i++) {
      char c = run.charAt(i);
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
      digitOrSymbol |= (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
    }
    return upper && lower || (upper || lower) && digitOrSymbol;
  }

  private static String base64(String run) {
    String s = run.replace('-', '+').replace('_', '/');
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '=') {
      end--;
    }
    s = s.substring(0, end);
    if (s.length() % 4 == 1) {
      return null;
    }
    try {
      String decoded =
          utf8(Base64.getDecoder().decode(s + "==".substring(0, (4 - s.length() % 4) % 4)));
      return decoded != null && readable(decoded) ? decoded : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** At least 8 characters, a space, and at least 90% letters, digits, punctuation or spaces. */
  static boolean readable(String s) {
    if (s.length() < 8 || s.indexOf(' ') < 0) {
      return false;
    }
    int good = 0;
    int letters = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLetter(c)) {
        letters++;
        good++;
      } else if (Character.isDigit(c) || Character.isWhitespace(c) || (c >= 0x21 && c < 0x7F)) {
        good++;
      }
    }
    return good >= 0.9 * s.length() && letters >= 0.5 * s.length();
  }

  /** How many of the runs of a-z letters in {@code lower} are in {@code words}. */
  private static int count(String lower, Set<String> words) {
    int hits = 0;
    int n = lower.length();
    for (int i = 0; i < n; ) {
      char c = lower.charAt(i);
      if (c < 'a' || c > 'z') {
        i++;
        continue;
      }
      int start = i;
      while (i < n && lower.charAt(i) >= 'a' && lower.charAt(i) <= 'z') {
        i++;
      }
      if (i - start <= 12 && words.contains(lower.substring(start, i))) {
        hits++;
      }
    }
    return hits;
  }

  private static Set<String> rot13All(Set<String> words) {
    Set<String> out = new java.util.HashSet<>();
    for (String w : words) {
      out.add(rot13(w));
    }
    return Set.copyOf(out);
  }

  static String rot13(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'a' && c <= 'z') {
        c = (char) ('a' + (c - 'a' + 13) % 26);
      } else if (c >= 'A' && c <= 'Z') {
        c = (char) ('A' + (c - 'A' + 13) % 26);
      }
      out.append(c);
    }
    return out.toString();
  }
}
