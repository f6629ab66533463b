package dev.gantry.eval.assertion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reference-based text metrics. {@link #squadNormalize} follows the SQuAD v1.1 evaluation script:
 * lower-case, drop punctuation, drop the articles a/an/the, collapse whitespace. Exact match and
 * token F1 compare normalised token bags; ROUGE-L is the F-measure (beta = 1) of the longest common
 * subsequence of the same tokens. Stateless.
 */
public final class TextMetrics {
  private static final Pattern PUNCTUATION = Pattern.compile("[\\p{Punct}\\p{IsPunctuation}]");
  private static final Pattern ARTICLES = Pattern.compile("\\b(a|an|the)\\b");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  private TextMetrics() {}

  /** SQuAD normalisation. */
  public static String squadNormalize(String s) {
    String t = s.toLowerCase(Locale.ROOT);
    t = PUNCTUATION.matcher(t).replaceAll("");
    t = ARTICLES.matcher(t).replaceAll(" ");
    return SPACE.matcher(t.strip()).replaceAll(" ");
  }

  /** Normalised tokens. */
  public static List<String> tokens(String s) {
    String n = squadNormalize(s);
    return n.isEmpty() ? List.of() : Arrays.asList(SPACE.split(n));
  }

  /** 1 when the normalised texts are equal, else 0. */
  public static double exactMatch(String prediction, String reference) {
    return squadNormalize(prediction).equals(squadNormalize(reference)) ? 1.0 : 0.0;
  }

  /** Token-level F1 over normalised token bags; two empty texts score 1, one empty text 0. */
  public static double tokenF1(String prediction, String reference) {
    List<String> p = tokens(prediction);
    List<String> r = tokens(reference);
    if (p.isEmpty() || r.isEmpty()) {
      return p.isEmpty() && r.isEmpty() ? 1.0 : 0.0;
    }
    Map<String, Integer> counts = new HashMap<>();
    for (String t : r) {
      counts.merge(t, 1, Integer::sum);
    }
    int common = 0;
    for (String t : p) {
      Integer c = counts.get(t);
      if (c != null && c > 0) {
        common++;
        counts.put(t, c - 1);
      }
    }
    if (common == 0) {
      return 0.0;
    }
    double precision = common / (double) p.size();
    double recall = common / (double) r.size();
    return 2 * precision * recall / (precision + recall);
  }

  /** ROUGE-L F-measure; two empty texts score 1, one empty text 0. */
  public static double rougeL(String prediction, String reference) {
    List<String> p = tokens(prediction);
    List<String> r = tokens(reference);
    if (p.isEmpty() || r.isEmpty()) {
      return p.isEmpty() && r.isEmpty() ? 1.0 : 0.0;
    }
    int lcs = lcs(p, r);
    if (lcs == 0) {
      return 0.0;
    }
    double precision = lcs / (double) p.size();
    double recall = lcs / (double) r.size();
    return 2 * precision * recall / (precision + recall);
  }

  /** Length of the longest common subsequence, in O(|a|·|b|) time and O(|b|) memory. */
  static int lcs(List<String> a, List<String> b) {
    int[] prev = new int[b.size() + 1];
    int[] cur = new int[b.size() + 1];
    for (String x : a) {
      for (int j = 1; j <= b.size(); j++) {
        cur[j] = x.equals(b.get(j - 1)) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
      Arrays.fill(cur, 0);
    }
    return prev[b.size()];
  }

  /** Copies into a modifiable list (for callers that sort). */
  static List<String> copy(List<String> in) {
    return new ArrayList<>(in);
  }
}
