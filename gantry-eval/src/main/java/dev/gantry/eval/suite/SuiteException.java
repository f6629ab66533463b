package dev.gantry.eval.suite;

import java.util.List;
import java.util.Objects;

/**
 * A suite that cannot be run: unreadable, not parseable, or invalid. Carries every problem found,
 * each naming the case ({@code cases[3] (id "capital-fr")}, or a line or row of a case file) and
 * the field. The message is the problems joined one per line. Immutable.
 */
public final class SuiteException extends Exception {
  private final String source;
  private final List<String> problems;

  public SuiteException(String source, List<String> problems) {
    super(source + ": " + String.join("\n" + source + ": ", problems));
    this.source = Objects.requireNonNull(source, "source");
    this.problems = List.copyOf(problems);
    if (this.problems.isEmpty()) {
      throw new IllegalArgumentException("a SuiteException needs at least one problem");
    }
  }

  public SuiteException(String source, String problem) {
    this(source, List.of(problem));
  }

  /** The suite file (or name) the problems are in. */
  public String source() {
    return source;
  }

  /** Every problem, in file order; never empty. */
  public List<String> problems() {
    return problems;
  }
}
