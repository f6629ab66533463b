package dev.gantry.eval;

import dev.gantry.eval.run.RunResult;
import java.util.List;

/**
 * What {@link EvalRunner#execute()} produced.
 *
 * @param exitCode one of {@link ExitCodes}
 * @param result the run, or null when it never started (invalid suite, unreachable target...)
 * @param problems why the run failed (exit code 2), else empty
 */
public record EvalOutcome(int exitCode, RunResult result, List<String> problems) {
  public EvalOutcome {
    problems = List.copyOf(problems);
  }
}
