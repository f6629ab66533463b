package dev.gantry.eval.assertion;

import java.util.Objects;

/**
 * An assertion as configured on a case: the check, whether it is negated ({@code not-} prefix or
 * {@code negate: true}) and its weight in the case score. Immutable and thread-safe.
 *
 * @param weight finite, >= 0; 0 makes the assertion informational (reported, never failing the
 *     case)
 */
public record AssertionSpec(Assertion assertion, boolean negate, double weight) {
  public AssertionSpec {
    Objects.requireNonNull(assertion, "assertion");
    if (!(weight >= 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("weight must be a finite number >= 0, got " + weight);
    }
  }

  /** The type as reports show it: {@code not-contains} for a negated {@code contains}. */
  public String label() {
    return (negate ? "not-" : "") + assertion.type();
  }

  /** Runs the check and applies negation; a check that throws counts as failed with score 0. */
  public AssertionResult evaluate(CaseOutput output, EvalServices services) {
    Check check;
    try {
      check = assertion.check(output, services);
    } catch (RuntimeException e) {
      return new AssertionResult(
          label(),
          negate,
          weight,
          false,
          0.0,
          assertion.threshold(),
          "could not be evaluated: " + e.getMessage());
    }
    if (!negate) {
      return new AssertionResult(
          label(),
          false,
          weight,
          check.passed(),
          check.score(),
          assertion.threshold(),
          check.detail());
    }
    return new AssertionResult(
        label(),
        true,
        weight,
        !check.passed(),
        1.0 - check.score(),
        assertion.threshold(),
        "negated: " + check.detail());
  }

  /** The result recorded when the case never got an output to check. */
  public AssertionResult notEvaluated(String reason) {
    return new AssertionResult(
        label(), negate, weight, false, 0.0, assertion.threshold(), "not evaluated: " + reason);
  }
}
