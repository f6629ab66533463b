package dev.gantry.gateway.security;

import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ApiException;
import java.util.List;

/**
 * One pass over one text: counts its code points, refuses unpaired surrogates, and finds invisible
 * characters (see {@link InvisibleKind} for what counts and which contexts are exempt). The loop
 * looks at each UTF-16 unit once; characters below U+00AD cost one comparison, other BMP characters
 * one bitmap lookup, and only candidates take the slower path that looks at their neighbours.
 *
 * <p>One instance serves one {@link Inspection}: not thread-safe. Findings are appended to the list
 * given at construction, in the order of {@link InvisibleKind} for each text.
 */
final class TextScanner {
  /** Below this every character is ordinary. */
  private static final char FIRST_CANDIDATE = '\u00AD';

  private static final int KINDS = InvisibleKind.values().length;

  private final boolean strip;
  private final List<Finding> out;

  // State of the current text; reset by begin().
  private String text;
  private int length;
  private Tally[] tallies;
  private StringBuilder stripped;
  private int copied;
  private int tagRunEnd;
  private boolean tagRunFlagged;
  private int selectorRunEnd;
  private boolean selectorRunFlagged;
  private int rightToLeft;
  private String result;

  TextScanner(boolean strip, List<Finding> out) {
    this.strip = strip;
    this.out = out;
  }

  /**
   * Scans {@code s}, the text at {@code path} of message {@code messageIndex}.
   *
   * @return the number of code points in {@code s}
   * @throws ApiException (400, {@code invalid_unicode}) at the first unpaired surrogate
   */
  int scan(String s, int messageIndex, JsonPath path) {
    int n = s.length();
    int codePoints = n;
    boolean hit = false;
    result = null;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < FIRST_CANDIDATE) {
        continue;
      }
      if (Character.isSurrogate(c)) {
        char d;
        if (c <= '\uDBFF' && i + 1 < n && Character.isLowSurrogate(d = s.charAt(i + 1))) {
          codePoints--;
          int cp = Character.toCodePoint(c, d);
          if ((cp >= 0xE0000 && cp <= 0xE01EF) || (cp >= 0x1D173 && cp <= 0x1D17A)) {
            if (!hit) {
              begin(s);
              hit = true;
            }
            visit(i, cp, 2);
          }
          i++;
          continue;
        }
        throw unpaired(path, false, s, i);
      }
      if (Unicode.isCandidate(c)) {
        if (!hit) {
          begin(s);
          hit = true;
        }
        visit(i, c, 1);
      }
    }
    if (hit) {
      finish(messageIndex, path);
    }
    return codePoints;
  }

  /** After {@link #scan} in strip mode: the text without its findings, or null if unchanged. */
  String stripped() {
    return result;
  }

  /**
   * Refuses unpaired surrogates in a string that is not scanned as text (a field name, a URL, an
   * identifier). {@code fieldName} says whether {@code s} is the name of a field inside {@code
   * path} (null for the top level of the body) rather than its value.
   */
  static void checkSurrogates(String s, JsonPath path, boolean fieldName) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= '\uD800' && c <= '\uDFFF') {
        if (c <= '\uDBFF' && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          throw unpaired(path, fieldName, s, i);
        }
      }
    }
  }

  private static ApiException unpaired(JsonPath path, boolean fieldName, String s, int i) {
    String where;
    if (!fieldName) {
      where = "Invalid '" + path + "'";
    } else if (path == null) {
      where = "Invalid field name in the request body";
    } else {
      where = "Invalid field name in '" + path + "'";
    }
    return new ApiException(
        ApiError.invalid(
            where
                + ": unpaired UTF-16 surrogate "
                + String.format(java.util.Locale.ROOT, "\\u%04X", (int) s.charAt(i))
                + " at offset "
                + i
                + ". Text must be valid Unicode: a \\u escape of a surrogate must be a high"
                + " surrogate (\\uD800-\\uDBFF) directly followed by a low one (\\uDC00-\\uDFFF).",
            path == null ? null : path.toString(),
            "invalid_unicode"));
  }

  private void begin(String s) {
    text = s;
    length = s.length();
    tallies = new Tally[KINDS];
    stripped = null;
    copied = 0;
    tagRunEnd = -1;
    selectorRunEnd = -1;
    rightToLeft = -1;
  }

  private void visit(int i, int cp, int units) {
    InvisibleKind kind = classify(i, cp);
    if (kind == null) {
      return;
    }
    Tally tally = tallies[kind.ordinal()];
    if (tally == null) {
      tally = new Tally(kind);
      tallies[kind.ordinal()] = tally;
    }
    tally.add(i, cp);
    if (strip) {
      if (stripped == null) {
        stripped = new StringBuilder(length);
      }
      stripped.append(text, copied, i);
      copied = i + units;
    }
  }

  private InvisibleKind classify(int i, int cp) {
    if (cp >= 0xE0000 && cp <= 0xE007F) {
      if (i >= tagRunEnd) {
        tagRun(i);
      }
      return tagRunFlagged ? InvisibleKind.TAG : null;
    }
    if (Unicode.isVariationSelector(cp)) {
      if (i >= selectorRunEnd) {
        selectorRun(i);
      }
      return selectorRunFlagged ? InvisibleKind.VARIATION_SELECTOR : null;
    }
    switch (cp) {
      case 0x200B:
      case 0x200C:
      case 0x180E:
        return joinsLetters(i) ? null : InvisibleKind.ZERO_WIDTH;
      case 0x200D:
        return joinsEmoji(i) || joinsLetters(i) ? null : InvisibleKind.ZERO_WIDTH;
      case 0x2060:
        return InvisibleKind.ZERO_WIDTH;
      case 0xFEFF:
        return i == 0 ? null : InvisibleKind.ZERO_WIDTH;
      case 0x200E:
      case 0x200F:
      case 0x061C:
        return hasRightToLeft() ? null : InvisibleKind.BIDI;
      default:
        break;
    }
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
      return InvisibleKind.BIDI;
    }
    if (cp > 0xFFFF && !(cp >= 0x1D173 && cp <= 0x1D17A)) {
      return null; // unassigned code points after the tag block
    }
    return InvisibleKind.OTHER_FORMAT;
  }

  /**
   * Decides a whole run of tag characters at once: legitimate only as the tail of an emoji
   * subdivision flag (U+1F3F4, 2 to 7 tag digits or lower-case letters, U+E007F).
   */
  private void tagRun(int start) {
    int j = start;
    while (j < length) {
      int cp = text.codePointAt(j);
      if (cp < 0xE0000 || cp > 0xE007F) {
        break;
      }
      j += 2;
    }
    tagRunEnd = j;
    int tags = (j - start) / 2;
    boolean flag =
        start >= 2
            && text.codePointBefore(start) == 0x1F3F4
            && tags >= 3
            && tags <= 8
            && text.codePointBefore(j) == 0xE007F;
    for (int k = start; flag && k < j - 2; k += 2) {
      int ascii = text.codePointAt(k) - 0xE0000;
      flag = (ascii >= '0' && ascii <= '9') || (ascii >= 'a' && ascii <= 'z');
    }
    tagRunFlagged = !flag;
  }

  /** Decides a whole run of variation selectors at once: more than one in a row is reported. */
  private void selectorRun(int start) {
    int j = start;
    int count = 0;
    while (j < length) {
      int cp = text.codePointAt(j);
      if (!Unicode.isVariationSelector(cp)) {
        break;
      }
      count++;
      j += Character.charCount(cp);
    }
    selectorRunEnd = j;
    selectorRunFlagged = count >= 2;
  }

  /** A ZWJ between two emoji, the first possibly followed by a modifier or U+FE0F. */
  private boolean joinsEmoji(int i) {
    if (i == 0 || i + 1 >= length) {
      return false;
    }
    int before = text.codePointBefore(i);
    int after = text.codePointAt(i + 1);
    return (Unicode.isPictographic(before) || before == 0xFE0F) && Unicode.isPictographic(after);
  }

  /** One joiner between two letters or marks of a script that spells with joiners. */
  private boolean joinsLetters(int i) {
    if (i == 0 || i + 1 >= length) {
      return false;
    }
    return Unicode.joinsLetters(text.codePointBefore(i), text.codePointAt(i + 1));
  }

  private boolean hasRightToLeft() {
    if (rightToLeft < 0) {
      rightToLeft = Unicode.hasRightToLeft(text) ? 1 : 0;
    }
    return rightToLeft == 1;
  }

  private void finish(int messageIndex, JsonPath path) {
    String where = null;
    for (Tally t : tallies) {
      if (t != null) {
        if (where == null) {
          where = path.toString();
        }
        out.add(t.finding(messageIndex, where));
      }
    }
    if (stripped != null) {
      stripped.append(text, copied, length);
      result = stripped.toString();
    }
    text = null;
  }
}
