package dev.gantry.eval.run;

import dev.gantry.eval.assertion.AssertionResult;
import java.util.List;

/**
 * How a case's assertions become its score and verdict. The score is the weighted mean of the
 * scores of assertions with weight > 0 (1 when there are none). With a case threshold the case
 * passes when the score reaches it; without one, when every assertion with weight > 0 passes.
 * Weight-0 assertions are reported but never decide.
 *
 * @param score in [0, 1]
 */
public record CaseScore(double score, boolean passed) {
  /** Tolerance for comparing a weighted mean with a threshold written in decimal. */
  private static final double EPSILON = 1e-12;

  /**
   * @param threshold the case threshold, or null
   */
  public static CaseScore of(List<AssertionResult> results, Double threshold) {
    double weightSum = 0;
    double weighted = 0;
    boolean allPassed = true;
    for (AssertionResult a : results) {
      if (a.weight() > 0) {
        weightSum += a.weight();
        weighted += a.weight() * a.score();
        allPassed &= a.passed();
      }
    }
    double score = weightSum == 0 ? 1.0 : Math.min(1.0, weighted / weightSum);
    boolean passed = threshold == null ? allPassed : score >= threshold - EPSILON;
    return new CaseScore(score, passed);
  }
}
