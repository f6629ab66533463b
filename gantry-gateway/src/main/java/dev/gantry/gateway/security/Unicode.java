package dev.gantry.gateway.security;

import java.lang.Character.UnicodeScript;

/**
 * Character properties the scanner needs that Java 17 does not offer directly. Stateless.
 *
 * <p>{@link #isPictographic} approximates Unicode's Extended_Pictographic property by its blocks
 * (Java has {@code Character.isExtendedPictographic} only from Java 21); it only has to tell an
 * emoji ZWJ sequence from a ZWJ inside words, so a few non-emoji symbols in those blocks do no
 * harm.
 */
final class Unicode {
  /** BMP code points the scanner must look at more closely, one bit each. */
  private static final long[] CANDIDATES = bmpCandidates();

  private Unicode() {}

  /**
   * Whether {@code c} is a BMP character that may be invisible: U+00AD, U+034F, U+061C, U+115F,
   * U+1160, U+17B4, U+17B5, U+180E, U+200B-U+200F, U+202A-U+202E, U+2060-U+206F, U+3164,
   * U+FE00-U+FE0F, U+FEFF, U+FFA0, U+FFF9-U+FFFB. One array lookup.
   */
  static boolean isCandidate(char c) {
    return (CANDIDATES[c >>> 6] & (1L << c)) != 0;
  }

  static boolean isVariationSelector(int cp) {
    return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
  }

  static boolean isPictographic(int cp) {
    if (cp >= 0x1F000) {
      return cp <= 0x1FAFF || (cp >= 0x1FC00 && cp <= 0x1FFFD);
    }
    return cp == 0x00A9
        || cp == 0x00AE
        || cp == 0x203C
        || cp == 0x2049
        || cp == 0x2122
        || cp == 0x2139
        || (cp >= 0x2190 && cp <= 0x21FF)
        || (cp >= 0x2300 && cp <= 0x23FF)
        || cp == 0x24C2
        || (cp >= 0x25A0 && cp <= 0x27BF)
        || (cp >= 0x2900 && cp <= 0x297F)
        || (cp >= 0x2B00 && cp <= 0x2BFF)
        || cp == 0x3030
        || cp == 0x303D
        || cp == 0x3297
        || cp == 0x3299;
  }

  /**
   * Whether a zero-width joiner, non-joiner or space between {@code before} and {@code after} is
   * ordinary spelling: both are letters or marks, of the same script, and that script is not one
   * written without such characters (Latin, Greek, Cyrillic, or none in particular).
   */
  static boolean joinsLetters(int before, int after) {
    if (!isLetterOrMark(before) || !isLetterOrMark(after)) {
      return false;
    }
    UnicodeScript script = UnicodeScript.of(before);
    switch (script) {
      case LATIN:
      case GREEK:
      case CYRILLIC:
      case COMMON:
      case INHERITED:
      case UNKNOWN:
        return false;
      default:
        UnicodeScript next = UnicodeScript.of(after);
        return next == script || next == UnicodeScript.INHERITED;
    }
  }

  /** Whether {@code s} holds a strong right-to-left letter (Hebrew, Arabic, Syriac, Thaana…). */
  static boolean hasRightToLeft(String s) {
    int n = s.length();
    for (int i = 0; i < n; ) {
      int cp = s.codePointAt(i);
      if (cp >= 0x0590 && Character.isLetter(cp)) {
        byte d = Character.getDirectionality(cp);
        if (d == Character.DIRECTIONALITY_RIGHT_TO_LEFT
            || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
          return true;
        }
      }
      i += Character.charCount(cp);
    }
    return false;
  }

  private static boolean isLetterOrMark(int cp) {
    if (Character.isLetter(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  private static long[] bmpCandidates() {
    long[] bits = new long[0x10000 / 64];
    int[][] ranges = {
      {0x00AD, 0x00AD},
      {0x034F, 0x034F},
      {0x061C, 0x061C},
      {0x115F, 0x1160},
      {0x17B4, 0x17B5},
      {0x180E, 0x180E},
      {0x200B, 0x200F},
      {0x202A, 0x202E},
      {0x2060, 0x206F},
      {0x3164, 0x3164},
      {0xFE00, 0xFE0F},
      {0xFEFF, 0xFEFF},
      {0xFFA0, 0xFFA0},
      {0xFFF9, 0xFFFB}
    };
    for (int[] r : ranges) {
      for (int c = r[0]; c <= r[1]; c++) {
        bits[c >>> 6] |= 1L << c;
      }
    }
    return bits;
  }
}
