package dev.gantry.rag.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits prose into sentences, returning character offsets so that callers can cite or cut the
 * original text exactly. A sentence ends at {@code .}, {@code !} or {@code ?} (with any closing
 * quotes or brackets) followed by white space and a capital letter, digit or opening quote; a
 * period after a common abbreviation ("Dr.", "e.g.") or a single initial ("J. R. R.") does not end
 * one. Because scraped text often loses the space after a full stop, a period glued between a
 * lower-case word of three or more letters and a capitalised word ("century.First") also ends a
 * sentence. Stateless and thread-safe.
 */
public final class Sentences {
  private static final Set<String> ABBREVIATIONS =
      Set.of(
          "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "vs", "e.g", "i.e", "cf",
          "inc", "ltd", "co", "corp", "no", "nos", "fig", "vol", "pp", "jan", "feb", "aug", "sep",
          "sept", "oct", "nov", "dec", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep",
          "rev", "hon", "approx", "est", "op");

  private Sentences() {}

  /** The sentences of {@code text}, trimmed of surrounding white space; empty for blank text. */
  public static List<Span> split(String text) {
    return split(text, 0, text.length());
  }

  /**
   * The sentences of {@code text.substring(from, to)}, as offsets into {@code text}, trimmed of
   * surrounding white space.
   */
  public static List<Span> split(String text, int from, int to) {
    List<Span> out = new ArrayList<>();
    int start = from;
    int i = from;
    while (i < to) {
      char c = text.charAt(i);
      if (c == '.' || c == '!' || c == '?') {
        int j = i + 1;
        while (j < to && isCloser(text.charAt(j))) {
          j++;
        }
        if (endsHere(text, from, i, j, to)) {
          add(text, start, j, out);
          start = j;
          i = j;
          continue;
        }
      }
      i++;
    }
    add(text, start, to, out);
    return out;
  }

  private static boolean endsHere(String text, int from, int mark, int after, int to) {
    if (after >= to) {
      return true;
    }
    char next = text.charAt(after);
    if (Character.isWhitespace(next)) {
      int k = after;
      while (k < to && Character.isWhitespace(text.charAt(k))) {
        k++;
      }
      if (k >= to) {
        return true;
      }
      char first = text.charAt(k);
      boolean opensSentence =
          Character.isUpperCase(first) || Character.isDigit(first) || "\"'“‘([".indexOf(first) >= 0;
      return opensSentence && !(text.charAt(mark) == '.' && abbreviationBefore(text, from, mark));
    }
    // "century.First": a full stop whose following space was lost.
    return text.charAt(mark) == '.'
        && after == mark + 1
        && after + 1 < to
        && Character.isUpperCase(next)
        && Character.isLowerCase(text.charAt(after + 1))
        && lowerWordBefore(text, from, mark) >= 3;
  }

  private static boolean abbreviationBefore(String text, int from, int dot) {
    int b = dot;
    while (b > from && (Character.isLetter(text.charAt(b - 1)) || text.charAt(b - 1) == '.')) {
      b--;
    }
    String word = text.substring(b, dot);
    if (word.isEmpty()) {
      return false;
    }
    if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
      return true; // an initial
    }
    if (word.indexOf('.') > 0 && word.length() <= 5) {
      return true; // "U.S", "e.g", "a.m"
    }
    return ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT));
  }

  private static int lowerWordBefore(String text, int from, int dot) {
    int b = dot;
    while (b > from && Character.isLowerCase(text.charAt(b - 1))) {
      b--;
    }
    return dot - b;
  }

  private static boolean isCloser(char c) {
    return c == '.' || c == '!' || c == '?' || "\"'”’)]".indexOf(c) >= 0;
  }

  private static void add(String text, int start, int end, List<Span> out) {
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    if (end > start) {
      out.add(new Span(start, end));
    }
  }
}
