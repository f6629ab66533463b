package dev.gantry.core.config;

import java.util.List;
import java.util.Objects;

/**
 * A configuration that cannot be used: unreadable, not YAML, or invalid. Carries every problem
 * found, not only the first, each naming the dotted config path (e.g. {@code
 * routes.fast.deployments[1].provider}; list indexes are 0-based), the offending value and what is
 * allowed. Secret values never appear in a problem. The message is the problems joined one per
 * line. Immutable.
 */
public final class ConfigException extends Exception {
  private final String source;
  private final List<String> problems;

  /**
   * @param source where the configuration came from (a file path or a name such as {@code
   *     <string>})
   * @param problems at least one problem, each a complete sentence-like line
   */
  public ConfigException(String source, List<String> problems) {
    super(String.join("\n", problems));
    this.source = Objects.requireNonNull(source, "source");
    this.problems = List.copyOf(problems);
    if (this.problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
  }

  /** A configuration with a single problem. */
  public ConfigException(String source, String problem) {
    this(source, List.of(problem));
  }

  /** Where the configuration came from: a file path, or the name given to {@code parse}. */
  public String source() {
    return source;
  }

  /** Every problem found, in file order as far as possible; never empty. */
  public List<String> problems() {
    return problems;
  }
}
