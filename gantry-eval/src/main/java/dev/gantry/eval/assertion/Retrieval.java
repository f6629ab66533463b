package dev.gantry.eval.assertion;

import java.util.ArrayList;
import java.util.List;

/**
 * Retrieval quality from the sources the gateway reported, against the case's {@code
 * expected_sources}: {@code hit-at-k} passes when an expected document is among the first {@code k}
 * sources (score 1 or 0); {@code mrr} scores 1/rank of the first expected document (0 when absent)
 * and passes at or above its threshold, or when any expected document was found if no threshold is
 * set.
 */
record Retrieval(boolean mrr, int k, List<String> expected, Double threshold) implements Assertion {
  Retrieval {
    expected = List.copyOf(expected);
  }

  @Override
  public String type() {
    return mrr ? "mrr" : "hit-at-k";
  }

  @Override
  public Check check(CaseOutput output, EvalServices services) {
    List<Source> sources = output.sources();
    int rank = 0;
    for (int i = 0; i < sources.size() && rank == 0; i++) {
      for (String e : expected) {
        if (sources.get(i).matches(e)) {
          rank = i + 1;
          break;
        }
      }
    }
    String seen = ranked(sources);
    if (!mrr) {
      boolean hit = rank > 0 && rank <= k;
      return Check.of(
          hit,
          (hit ? "expected source at rank " + rank : "no expected source " + expected)
              + " within the first "
              + k
              + " of "
              + seen);
    }
    double score = rank == 0 ? 0.0 : 1.0 / rank;
    boolean ok = threshold == null ? rank > 0 : score >= threshold;
    return new Check(
        ok,
        score,
        (rank == 0
                ? "no expected source " + expected + " in "
                : "reciprocal rank " + Quote.number(score) + " in ")
            + seen);
  }

  private static String ranked(List<Source> sources) {
    if (sources.isEmpty()) {
      return "[] (the response reported no sources)";
    }
    List<String> docs = new ArrayList<>();
    for (Source s : sources) {
      docs.add(s.id());
    }
    return docs.toString();
  }
}
