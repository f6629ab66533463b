package dev.gantry.eval.assertion;

import dev.gantry.eval.judge.JudgeException;
import dev.gantry.eval.judge.Judgement;

/**
 * {@code llm-rubric}: a judge model grades the output against the rubric; the normalised score
 * (0..1 over the judge's scale) must reach the threshold. A judge that cannot be reached or whose
 * reply holds no score fails the assertion with the reason.
 */
record LlmRubric(String rubric, String input, Double threshold) implements Assertion {
  LlmRubric {
    java.util.Objects.requireNonNull(rubric, "rubric");
    java.util.Objects.requireNonNull(input, "input");
    java.util.Objects.requireNonNull(threshold, "threshold");
  }

  @Override
  public String type() {
    return "llm-rubric";
  }

  @Override
  public Check check(CaseOutput output, EvalServices services) {
    Judgement j;
    try {
      j = services.judge().grade(rubric, input, output.text());
    } catch (JudgeException e) {
      return Check.of(false, "judge failed: " + e.getMessage());
    }
    return Check.scored(
        j.normalized(),
        threshold,
        "judge score "
            + (j.score() == Math.rint(j.score())
                ? String.valueOf((long) j.score())
                : String.valueOf(j.score()))
            + " ("
            + Quote.number(j.normalized())
            + (j.normalized() >= threshold ? " >= " : " < ")
            + Quote.number(threshold)
            + ")"
            + (j.reason().isEmpty() ? "" : ": " + j.reason())
            + (j.cached() ? " [cached]" : ""));
  }
}
