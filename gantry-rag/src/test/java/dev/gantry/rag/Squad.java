package dev.gantry.rag;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SQuAD answer metrics: normalise (lower case, drop punctuation, drop the articles a, an and
 * the, collapse white space), then exact match and token-level F1.
 */
final class Squad {
  private Squad() {}

  static String normalize(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    String noPunct = lower.replaceAll("\\p{Punct}", ""); // ASCII punctuation, as in SQuAD
    String noArticles = noPunct.replaceAll("\\b(a|an|the)\\b", " ");
    return noArticles.trim().replaceAll("\\s+", " ");
  }

  static boolean exactMatch(String prediction, String gold) {
    return normalize(prediction).equals(normalize(gold));
  }

  static double f1(String prediction, String gold) {
    List<String> p = tokens(prediction);
    List<String> g = tokens(gold);
    if (p.isEmpty() || g.isEmpty()) {
      return p.equals(g) ? 1 : 0;
    }
    Map<String, Integer> counts = new HashMap<>();
    for (String t : g) {
      counts.merge(t, 1, Integer::sum);
    }
    int same = 0;
    for (String t : p) {
      Integer c = counts.get(t);
      if (c != null && c > 0) {
        same++;
        counts.put(t, c - 1);
      }
    }
    if (same == 0) {
      return 0;
    }
    double precision = (double) same / p.size();
    double recall = (double) same / g.size();
    return 2 * precision * recall / (precision + recall);
  }

  /** Whether {@code gold} occurs verbatim in {@code text}, ignoring case. */
  static boolean containsVerbatim(String text, String gold) {
    return text.toLowerCase(Locale.ROOT).contains(gold.toLowerCase(Locale.ROOT));
  }

  private static List<String> tokens(String s) {
    String n = normalize(s);
    return n.isEmpty() ? List.of() : Arrays.asList(n.split(" "));
  }
}
