package dev.gantry.guardrails.grounding;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into sentences with the JDK's sentence rules (locale-independent), then also at a
 * full stop glued between a lower-case word and a capitalised one ("century.First"), which scraped
 * sources often contain. Offsets are kept so claims can be pointed at. Stateless and thread-safe.
 */
final class Sentences {
  private Sentences() {}

  /** A sentence: {@code text.substring(start, end)}, trimmed. */
  record Span(int start, int end) {}

  /** An initial ("J.") or a common abbreviation at the end of a piece: no sentence ends there. */
  private static final java.util.regex.Pattern NO_END =
      java.util.regex.Pattern.compile(
          "(?:^|[\\s(\"'])(?:\\p{Lu}|Mr|Mrs|Ms|Dr|Prof|St|Mt|Jr|Sr|Inc|Ltd|Co|Corp|vs|No|Gen|Col"
              + "|Lt|Sgt|Capt|Gov|Sen|Rep|Rev|Fig|Vol|approx|e\\.g|i\\.e|U\\.S|a\\.m|p\\.m)\\.\\s*$");

  static List<Span> split(String text) {
    List<Span> out = new ArrayList<>();
    BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
    it.setText(text);
    int start = it.first();
    for (int end = it.next(); end != BreakIterator.DONE; end = it.next()) {
      if (end < text.length() && NO_END.matcher(text.substring(start, end)).find()) {
        continue;
      }
      splitGlued(text, start, end, out);
      start = end;
    }
    return out;
  }

  private static void splitGlued(String text, int start, int end, List<Span> out) {
    int from = start;
    for (int i = start + 3; i + 2 < end; i++) {
      char before = text.charAt(i - 1);
      boolean wordBefore =
          Character.isLowerCase(before)
              ? Character.isLowerCase(text.charAt(i - 2))
                  && Character.isLowerCase(text.charAt(i - 3))
              : "\"')]”’".indexOf(before) >= 0 && Character.isLetter(text.charAt(i - 2));
      if (text.charAt(i) == '.'
          && wordBefore
          && Character.isUpperCase(text.charAt(i + 1))
          && Character.isLowerCase(text.charAt(i + 2))) {
        add(text, from, i + 1, out);
        from = i + 1;
      }
    }
    add(text, from, end, out);
  }

  private static void add(String text, int start, int end, List<Span> out) {
    String piece = text.substring(start, end);
    String stripped = piece.strip();
    if (!stripped.isEmpty()) {
      int from = start + piece.indexOf(stripped);
      out.add(new Span(from, from + stripped.length()));
    }
  }
}
