package dev.gantry.ml.classify;

import java.util.Locale;

/**
 * Confusion counts of a binary classifier on a labelled set, with the rates derived from them.
 * Rates whose denominator is zero are reported as 0 (precision with no positive predictions, recall
 * with no positive examples, false-positive rate with no negative examples).
 *
 * @param truePositives positives flagged
 * @param falsePositives negatives flagged
 * @param trueNegatives negatives passed
 * @param falseNegatives positives passed
 */
public record Metrics(
    long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {
  public Metrics {
    if (truePositives < 0 || falsePositives < 0 || trueNegatives < 0 || falseNegatives < 0) {
      throw new IllegalArgumentException("confusion counts must be >= 0");
    }
  }

  /**
   * Counts the outcomes of flagging every score at or above {@code threshold}.
   *
   * @param scores one score per example
   * @param positive the true class of each example, in the same order
   */
  public static Metrics at(double[] scores, boolean[] positive, double threshold) {
    if (scores.length != positive.length) {
      throw new IllegalArgumentException(
          "scores and labels differ in length: " + scores.length + " vs " + positive.length);
    }
    long tp = 0;
    long fp = 0;
    long tn = 0;
    long fn = 0;
    for (int i = 0; i < scores.length; i++) {
      boolean flagged = scores[i] >= threshold;
      if (positive[i]) {
        if (flagged) {
          tp++;
        } else {
          fn++;
        }
      } else if (flagged) {
        fp++;
      } else {
        tn++;
      }
    }
    return new Metrics(tp, fp, tn, fn);
  }

  /** Counts from already-made decisions. */
  public static Metrics of(boolean[] flagged, boolean[] positive) {
    double[] scores = new double[flagged.length];
    for (int i = 0; i < flagged.length; i++) {
      scores[i] = flagged[i] ? 1 : 0;
    }
    return at(scores, positive, 0.5);
  }

  /** Adds the counts of two disjoint sets. */
  public Metrics plus(Metrics other) {
    return new Metrics(
        truePositives + other.truePositives,
        falsePositives + other.falsePositives,
        trueNegatives + other.trueNegatives,
        falseNegatives + other.falseNegatives);
  }

  public long total() {
    return truePositives + falsePositives + trueNegatives + falseNegatives;
  }

  public long positives() {
    return truePositives + falseNegatives;
  }

  public long negatives() {
    return trueNegatives + falsePositives;
  }

  /** Share of flagged examples that are positive: TP / (TP + FP). */
  public double precision() {
    return ratio(truePositives, truePositives + falsePositives);
  }

  /** Share of positives that are flagged: TP / (TP + FN). */
  public double recall() {
    return ratio(truePositives, truePositives + falseNegatives);
  }

  /** Harmonic mean of precision and recall: 2TP / (2TP + FP + FN). */
  public double f1() {
    return ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
  }

  /** Share of negatives that are flagged: FP / (FP + TN). */
  public double falsePositiveRate() {
    return ratio(falsePositives, falsePositives + trueNegatives);
  }

  /** Share of examples decided correctly. */
  public double accuracy() {
    return ratio(truePositives + trueNegatives, total());
  }

  private static double ratio(long a, long b) {
    return b == 0 ? 0 : (double) a / b;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "P=%.4f R=%.4f F1=%.4f FPR=%.4f (TP=%d FP=%d TN=%d FN=%d)",
        precision(),
        recall(),
        f1(),
        falsePositiveRate(),
        truePositives,
        falsePositives,
        trueNegatives,
        falseNegatives);
  }
}
