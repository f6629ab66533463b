package dev.gantry.guardrails.pii;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into words (runs of letters, digits and combining marks, with apostrophes inside a
 * word kept: {@code O'Brien}) and single punctuation characters. Whitespace separates tokens and is
 * not a token; a line break is remembered on the token after it. Stateless.
 */
final class Tokenizer {
  private Tokenizer() {}

  static List<Token> tokenize(String text) {
    List<Token> tokens = new ArrayList<>(text.length() / 4 + 1);
    int n = text.length();
    int i = 0;
    boolean lineBreak = false;
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        if (c == '\n' || c == '\r') {
          lineBreak = true;
        }
        i++;
        continue;
      }
      int start = i;
      if (isWordChar(c)) {
        i++;
        while (i < n) {
          char d = text.charAt(i);
          if (isWordChar(d)) {
            i++;
          } else if ((d == '\'' || d == '\u2019')
              && i + 1 < n
              && Character.isLetter(text.charAt(i + 1))
              && Character.isLetter(text.charAt(i - 1))) {
            i += 2;
          } else {
            break;
          }
        }
      } else {
        i += Character.isHighSurrogate(c) && i + 1 < n ? 2 : 1;
      }
      String surface = text.substring(start, i);
      tokens.add(new Token(start, i, surface, key(surface), lineBreak));
      lineBreak = false;
    }
    return tokens;
  }

  private static boolean isWordChar(char c) {
    if (Character.isLetterOrDigit(c)) {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
  }

  /** Lower case, diacritics removed, curly apostrophes straightened: the look-up form of a word. */
  static String key(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    boolean ascii = true;
    for (int i = 0; i < lower.length(); i++) {
      if (lower.charAt(i) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return lower;
    }
    String decomposed = Normalizer.normalize(lower, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); i++) {
      char c = decomposed.charAt(i);
      if (Character.getType(c) == Character.NON_SPACING_MARK) {
        continue;
      }
      out.append(c == '\u2019' ? '\'' : c == 'ς' ? 'σ' : c);
    }
    return out.toString();
  }
}
