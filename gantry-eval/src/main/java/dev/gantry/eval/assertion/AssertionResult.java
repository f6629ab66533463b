package dev.gantry.eval.assertion;

import java.util.Objects;

/**
 * The outcome of one assertion on one case, after negation.
 *
 * @param type the label as written in the suite, {@code not-} prefix included
 * @param negated whether the check was negated
 * @param weight its weight in the case score (0 = informational)
 * @param passed whether it passed
 * @param score its score in [0, 1] (for a negated check, 1 minus the check's score)
 * @param threshold the threshold used, or null
 * @param message what was found
 */
public record AssertionResult(
    String type,
    boolean negated,
    double weight,
    boolean passed,
    double score,
    Double threshold,
    String message) {
  public AssertionResult {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(message, "message");
    if (!(weight >= 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("weight must be a finite number >= 0, got " + weight);
    }
    if (!(score >= 0.0 && score <= 1.0)) {
      throw new IllegalArgumentException("score must be in [0, 1], got " + score);
    }
  }
}
