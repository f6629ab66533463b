package dev.gantry.guardrails.injection;

import dev.gantry.ml.classify.Metrics;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A detector's figures on a labelled set: confusion counts overall and per kind. For a kind of
 * injections, {@code byKind().get(kind).recall()} is the share detected; for a kind of benign
 * texts, {@code byKind().get(kind).falsePositiveRate()} is the share wrongly flagged.
 *
 * @param overall counts over every row
 * @param byKind counts per kind, sorted by kind
 */
public record InjectionEvaluation(Metrics overall, Map<String, Metrics> byKind) {
  public InjectionEvaluation {
    byKind = Collections.unmodifiableMap(new TreeMap<>(byKind));
  }

  /** Runs {@code detector} on every row. */
  public static InjectionEvaluation of(InjectionDetector detector, List<LabeledText> rows) {
    boolean[] flagged = new boolean[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      flagged[i] = detect(detector, rows.get(i)).flagged();
    }
    return of(rows, flagged);
  }

  /**
   * Checks a labelled row at its role's operating point: documents (see {@link
   * InjectionTrainer#isDocument(LabeledText)}) as documents, the rest as prompts.
   */
  public static InjectionVerdict detect(InjectionDetector detector, LabeledText row) {
    return detector.detect(
        row.text(),
        null,
        InjectionTrainer.isDocument(row)
            ? InjectionDetector.Role.DOCUMENT
            : InjectionDetector.Role.PROMPT);
  }

  /** Figures from decisions already made, one per row in order. */
  public static InjectionEvaluation of(List<LabeledText> rows, boolean[] flagged) {
    if (flagged.length != rows.size()) {
      throw new IllegalArgumentException("one decision per row needed");
    }
    Map<String, Metrics> byKind = new TreeMap<>();
    Metrics overall = new Metrics(0, 0, 0, 0);
    for (int i = 0; i < rows.size(); i++) {
      LabeledText r = rows.get(i);
      Metrics one = Metrics.of(new boolean[] {flagged[i]}, new boolean[] {r.injection()});
      overall = overall.plus(one);
      byKind.merge(r.kind(), one, Metrics::plus);
    }
    return new InjectionEvaluation(overall, byKind);
  }

  /**
   * Share of flagged rows of {@code kind} (recall for injections, false-positive rate for benign).
   */
  public double flaggedShare(String kind) {
    Metrics m = byKind.get(kind);
    if (m == null) {
      return 0;
    }
    return m.positives() > 0 ? m.recall() : m.falsePositiveRate();
  }

  /** A few lines for people: overall figures, then each kind's flagged share. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "precision %.4f  recall %.4f  F1 %.4f  FPR %.4f  (TP %d, FP %d, TN %d, FN %d)%n",
            overall.precision(),
            overall.recall(),
            overall.f1(),
            overall.falsePositiveRate(),
            overall.truePositives(),
            overall.falsePositives(),
            overall.trueNegatives(),
            overall.falseNegatives()));
    appendKinds(sb, "recall", m -> m.positives() > 0);
    appendKinds(sb, "false-positive rate", m -> m.positives() == 0);
    return sb.toString();
  }

  private void appendKinds(StringBuilder sb, String what, Predicate<Metrics> which) {
    byKind.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .filter(e -> which.test(e.getValue()))
        .forEach(
            e ->
                sb.append(
                    String.format(
                        Locale.ROOT,
                        "  %-12s %s %.4f (%d rows)%n",
                        e.getKey(),
                        what,
                        e.getValue().positives() > 0
                            ? e.getValue().recall()
                            : e.getValue().falsePositiveRate(),
                        e.getValue().total())));
  }
}
