package dev.gantry.ml.classify;

import java.util.Arrays;

/**
 * Chooses the decision threshold of a scoring classifier from scores on a labelled set that was not
 * used to fit it. A returned threshold {@code t} means "flag when score ≥ t"; it lies halfway
 * between the lowest score that is flagged and the highest one that is not, so that it does not sit
 * on a training score. Stateless.
 */
public final class Thresholds {
  private Thresholds() {}

  /** The threshold that maximises F1; among equal F1, the higher threshold (fewer flags). */
  public static double maxF1(double[] scores, boolean[] positive) {
    double[] candidates = candidates(scores);
    double best = candidates[0];
    double bestF1 = -1;
    for (double t : candidates) {
      double f1 = Metrics.at(scores, positive, t).f1();
      if (f1 > bestF1 || (f1 == bestF1 && t > best)) {
        best = t;
        bestF1 = f1;
      }
    }
    return best;
  }

  /**
   * The lowest threshold (the most recall) whose false-positive rate is at most {@code maxFpr}.
   *
   * @param maxFpr in [0, 1]
   */
  public static double forMaxFalsePositiveRate(double[] scores, boolean[] positive, double maxFpr) {
    if (!(maxFpr >= 0 && maxFpr <= 1)) {
      throw new IllegalArgumentException("maxFpr must be in [0, 1], was " + maxFpr);
    }
    double[] candidates = candidates(scores);
    double best = candidates[candidates.length - 1];
    for (int i = candidates.length - 1; i >= 0; i--) {
      if (Metrics.at(scores, positive, candidates[i]).falsePositiveRate() <= maxFpr) {
        best = candidates[i];
      } else {
        break;
      }
    }
    return best;
  }

  /**
   * Every threshold worth trying on {@code scores}: the midpoints between consecutive distinct
   * scores, plus one below all scores (everything flagged) and one above (nothing flagged), in
   * ascending order. For choosing under constraints these methods do not cover.
   */
  public static double[] candidates(double[] scores) {
    if (scores.length == 0) {
      throw new IllegalArgumentException("no scores to choose a threshold from");
    }
    double[] s = Arrays.stream(scores).sorted().distinct().toArray();
    double[] out = new double[s.length + 1];
    out[0] = Math.nextDown(s[0]);
    for (int i = 1; i < s.length; i++) {
      out[i] = (s[i - 1] + s[i]) / 2;
    }
    out[s.length] = Math.nextUp(s[s.length - 1]);
    return out;
  }
}
