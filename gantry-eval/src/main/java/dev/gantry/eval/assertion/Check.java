package dev.gantry.eval.assertion;

import java.util.Objects;

/**
 * What a check found, before negation.
 *
 * @param passed whether the output satisfies the check
 * @param score how well, in [0, 1]; 1 or 0 for pass/fail checks
 * @param detail a sentence describing what was found, shown in reports
 */
public record Check(boolean passed, double score, String detail) {
  public Check {
    Objects.requireNonNull(detail, "detail");
    if (!(score >= 0.0 && score <= 1.0)) {
      throw new IllegalArgumentException("score must be in [0, 1], got " + score);
    }
  }

  /** A pass/fail check: score 1 when passed, 0 otherwise. */
  public static Check of(boolean passed, String detail) {
    return new Check(passed, passed ? 1.0 : 0.0, detail);
  }

  /** A scored check passing when {@code score >= threshold}; the score is clamped to [0, 1]. */
  public static Check scored(double score, double threshold, String detail) {
    double clamped = Double.isNaN(score) ? 0.0 : Math.max(0.0, Math.min(1.0, score));
    return new Check(score >= threshold, clamped, detail);
  }
}
