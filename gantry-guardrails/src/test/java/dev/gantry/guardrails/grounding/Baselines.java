package dev.gantry.guardrails.grounding;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The plain baselines grounding is compared with. Stateless. */
final class Baselines {
  private Baselines() {}

  /** The answer (without a final full stop) occurs in the source, ignoring case. */
  static boolean substring(String answer, String source) {
    String a = answer.strip().toLowerCase(Locale.ROOT);
    while (a.endsWith(".")) {
      a = a.substring(0, a.length() - 1).strip();
    }
    return !a.isEmpty() && source.toLowerCase(Locale.ROOT).contains(a);
  }

  /** Share of the answer's terms (stemmed, without stop words) that occur in the source. */
  static double overlap(String answer, String source) {
    List<Terms.Term> terms = Terms.of(answer);
    if (terms.isEmpty()) {
      return 1;
    }
    Set<String> stems = new HashSet<>();
    Terms.of(source).forEach(t -> stems.add(t.stem()));
    int in = 0;
    for (Terms.Term t : terms) {
      if (stems.contains(t.stem())) {
        in++;
      }
    }
    return in / (double) terms.size();
  }
}
