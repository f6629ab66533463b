package dev.gantry.guardrails.injection;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer.Form;
import java.util.Locale;

/**
 * Undoes the character-level tricks that hide an instruction from pattern matching while a model
 * still reads it: compatibility forms (NFKC folds fullwidth and mathematical letters), invisible
 * format characters (zero-width, bidi overrides, soft hyphen), text smuggled in Unicode tag
 * characters (U+E0020–E007E, decoded to ASCII in place) or in variation selectors (decoded as
 * bytes), Cyrillic and Greek lookalikes inside Latin words, and leetspeak digits inside words.
 * Stateless and thread-safe; linear in the length of the text.
 */
final class Normalizer {
  private Normalizer() {}

  /** Cyrillic and Greek letters that render like a Latin letter, paired by index. */
  private static final String LOOKALIKES = "аеорсухіјѕԁԛԝһӏАВЕКМНОРСТХІЈЅԜΑΒΕΖΗΙΚΜΝΟΡΤΥΧανορκτιχ";

  private static final String LATIN = "aeopcyxijsdqwhlABEKMHOPCTXIJSWABEZHIKMNOPTYXavopktix";

  /**
   * The normalised forms of a text.
   *
   * @param clean NFKC, invisible characters removed, tag characters decoded in place; what a model
   *     should read
   * @param lower {@code clean} with lookalikes folded and curly apostrophes made straight, in lower
   *     case (root locale); what the rules match against
   * @param leet {@code lower} with digits and {@code @ $} inside words read as letters ({@code
   *     1gn0r3} as {@code ignore}); the same instance as {@code lower} when nothing changed. Rules
   *     match this too.
   * @param hidden text that was invisible in the original (tag characters, variation-selector
   *     bytes), empty if none
   * @param invisibles how many invisible characters were removed (not counting decoded ones)
   * @param folded how many characters lookalike folding changed
   */
  record Result(
      String clean, String lower, String leet, String hidden, int invisibles, int folded) {}

  static Result normalize(String input) {
    StringBuilder hidden = new StringBuilder();
    StringBuilder visible = new StringBuilder(input.length());
    int invisibles = 0;
    ByteAccumulator selectorBytes = new ByteAccumulator();
    for (int i = 0; i < input.length(); ) {
      int cp = input.codePointAt(i);
      i += Character.charCount(cp);
      int selectorByte = variationSelectorByte(cp);
      if (selectorByte >= 0) {
        selectorBytes.add(selectorByte);
        continue;
      }
      selectorBytes.flushInto(hidden);
      if (cp >= 0xE0020 && cp <= 0xE007E) {
        char c = (char) (cp - 0xE0000);
        hidden.append(c);
        visible.append(c);
      } else if (cp >= 0xE0000 && cp <= 0xE007F) {
        invisibles++;
      } else if (Character.getType(cp) == Character.FORMAT) {
        invisibles++;
      } else {
        visible.appendCodePoint(cp);
      }
    }
    selectorBytes.flushInto(hidden);
    String clean = java.text.Normalizer.normalize(visible, Form.NFKC);
    StringBuilder out = new StringBuilder(clean);
    int folded = foldLookalikes(out);
    String lower = out.toString().toLowerCase(Locale.ROOT).replace('’', '\'').replace('‘', '\'');
    String leet = foldLeet(lower);
    return new Result(clean, lower, leet, hidden.toString().strip(), invisibles, folded);
  }

  /** The byte a variation selector smuggles (VS1–VS16: 0–15, VS17–VS256: 16–255), or -1. */
  private static int variationSelectorByte(int cp) {
    if (cp >= 0xFE00 && cp <= 0xFE0F) {
      return cp - 0xFE00;
    }
    if (cp >= 0xE0100 && cp <= 0xE01EF) {
      return cp - 0xE0100 + 16;
    }
    return -1;
  }

  /**
   * Folds lookalikes word by word, in place; returns how many characters changed. A word is a
   * maximal run of letters and digits. Lookalikes are folded when the word also has a Latin letter,
   * or every letter in it is a lookalike and there are at least two (so Russian or Greek words stay
   * as they are).
   */
  private static int foldLookalikes(StringBuilder s) {
    int changed = 0;
    int i = 0;
    int n = s.length();
    while (i < n) {
      if (!Character.isLetterOrDigit(s.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      int latin = 0;
      int lookalike = 0;
      int otherLetters = 0;
      while (i < n && Character.isLetterOrDigit(s.charAt(i))) {
        char c = s.charAt(i);
        if (Character.isLetter(c)) {
          if (c < 0x250) {
            latin++;
          } else if (LOOKALIKES.indexOf(c) >= 0) {
            lookalike++;
          } else {
            otherLetters++;
          }
        }
        i++;
      }
      if (lookalike > 0 && (latin > 0 || (otherLetters == 0 && lookalike > 1))) {
        for (int k = start; k < i; k++) {
          int idx = LOOKALIKES.indexOf(s.charAt(k));
          if (idx >= 0) {
            s.setCharAt(k, LATIN.charAt(idx));
            changed++;
          }
        }
      }
    }
    return changed;
  }

  /**
   * Reads digits and {@code @ $} as the letters they imitate in every word that has at least one
   * letter; numbers stay. Only rules see this form, so "4th" becoming "ath" does no harm.
   */
  private static String foldLeet(String lower) {
    StringBuilder s = null;
    int i = 0;
    int n = lower.length();
    while (i < n) {
      if (!isWordChar(lower.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      boolean letter = false;
      boolean leet = false;
      while (i < n && isWordChar(lower.charAt(i))) {
        char c = lower.charAt(i);
        letter |= Character.isLetter(c);
        leet |= leet(c) != c;
        i++;
      }
      if (letter && leet) {
        if (s == null) {
          s = new StringBuilder(lower);
        }
        for (int k = start; k < i; k++) {
          s.setCharAt(k, leet(lower.charAt(k)));
        }
      }
    }
    return s == null ? lower : s.toString();
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '@' || c == '$';
  }

  private static char leet(char c) {
    switch (c) {
      case '0':
        return 'o';
      case '1':
        return 'i';
      case '3':
        return 'e';
      case '4':
      case '@':
        return 'a';
      case '5':
      case '$':
        return 's';
      case '7':
        return 't';
      default:
        return c;
    }
  }

  /** Collects variation-selector bytes and decodes a run of them as UTF-8. */
  private static final class ByteAccumulator {
    private byte[] bytes = new byte[0];
    private int size;

    void add(int b) {
      if (size == bytes.length) {
        bytes = java.util.Arrays.copyOf(bytes, Math.max(16, size * 2));
      }
      bytes[size++] = (byte) b;
    }

    /** Appends the decoded run if it is long enough to carry text (a lone VS16 is emoji style). */
    void flushInto(StringBuilder hidden) {
      if (size >= 4) {
        try {
          String decoded =
              StandardCharsets.UTF_8
                  .newDecoder()
                  .onMalformedInput(CodingErrorAction.REPORT)
                  .decode(ByteBuffer.wrap(bytes, 0, size))
                  .toString();
          hidden.append(decoded).append(' ');
        } catch (CharacterCodingException e) {
          // not text: nothing to add
        }
      }
      size = 0;
    }
  }
}
