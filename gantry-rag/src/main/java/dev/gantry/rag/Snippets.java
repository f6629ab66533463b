package dev.gantry.rag;

import dev.gantry.rag.text.Sentences;
import dev.gantry.rag.text.Span;
import dev.gantry.rag.text.Terms;
import java.util.List;
import java.util.Set;

/**
 * Short excerpts for result lists: the sentence sharing the most analysed terms with the query (the
 * first sentence on a tie), widened with following text or cut at a word boundary to at most {@code
 * maxChars}, with an ellipsis where text was left out. Stateless and thread-safe.
 */
final class Snippets {
  private Snippets() {}

  static String of(String text, Set<String> queryTerms, int maxChars) {
    if (text.length() <= maxChars) {
      return text;
    }
    List<Span> sentences = Sentences.split(text);
    Span best = sentences.isEmpty() ? new Span(0, text.length()) : sentences.get(0);
    int bestOverlap = -1;
    for (Span s : sentences) {
      int overlap = 0;
      for (String t : Terms.distinct(s.of(text))) {
        if (queryTerms.contains(t)) {
          overlap++;
        }
      }
      if (overlap > bestOverlap) {
        bestOverlap = overlap;
        best = s;
      }
    }
    int start = best.start();
    int end = Math.min(text.length(), start + maxChars - 2);
    if (end < text.length()) {
      int space = text.lastIndexOf(' ', end);
      if (space > start) {
        end = space;
      }
    }
    StringBuilder sb = new StringBuilder();
    if (start > 0) {
      sb.append('…');
    }
    sb.append(text, start, end).append(end < text.length() ? "…" : "");
    return sb.toString();
  }
}
