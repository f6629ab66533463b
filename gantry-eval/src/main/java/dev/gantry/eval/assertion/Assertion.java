package dev.gantry.eval.assertion;

/**
 * One check on a case's output. Implementations are immutable values, shared by the threads that
 * run cases, and must be thread-safe; a check that needs a model (embeddings, a judge) gets it from
 * {@link EvalServices}. Negation and weight are not the check's business: see {@link
 * AssertionSpec}.
 */
public interface Assertion {
  /** The canonical type name, as written in a suite without any {@code not-} prefix. */
  String type();

  /** The score at or above which the check passes, or null when it is pass/fail by nature. */
  default Double threshold() {
    return null;
  }

  /** Checks {@code output}; never throws for a bad output, only reports it. */
  Check check(CaseOutput output, EvalServices services);
}
