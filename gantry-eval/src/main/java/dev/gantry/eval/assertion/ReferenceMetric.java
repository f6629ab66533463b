package dev.gantry.eval.assertion;

import java.util.List;

/**
 * {@code exact-match}, {@code token-f1} and {@code rouge-l} against one or more references: the
 * score is the best over the references (see {@link TextMetrics}); the check passes at or above the
 * threshold (1 for exact-match, default 0.5 for the others).
 */
record ReferenceMetric(Kind kind, List<String> references, Double threshold) implements Assertion {
  enum Kind {
    EXACT_MATCH("exact-match"),
    TOKEN_F1("token-f1"),
    ROUGE_L("rouge-l");

    final String type;

    Kind(String type) {
      this.type = type;
    }

    double score(String prediction, String reference) {
      switch (this) {
        case EXACT_MATCH:
          return TextMetrics.exactMatch(prediction, reference);
        case TOKEN_F1:
          return TextMetrics.tokenF1(prediction, reference);
        default:
          return TextMetrics.rougeL(prediction, reference);
      }
    }
  }

  ReferenceMetric {
    references = List.copyOf(references);
    java.util.Objects.requireNonNull(threshold, "threshold");
  }

  @Override
  public String type() {
    return kind.type;
  }

  @Override
  public Check check(CaseOutput output, EvalServices services) {
    double best = 0;
    String closest = references.get(0);
    for (String reference : references) {
      double s = kind.score(output.text(), reference);
      if (s > best) {
        best = s;
        closest = reference;
      }
    }
    return Check.scored(
        best,
        threshold,
        kind.type
            + " "
            + Quote.number(best)
            + " against "
            + Quote.of(closest)
            + (best >= threshold ? " >= " : " < ")
            + Quote.number(threshold)
            + (best >= threshold ? "" : "; output " + Quote.of(output.text())));
  }
}
