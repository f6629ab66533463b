package dev.gantry.eval.suite;

import dev.gantry.eval.judge.JudgeSettings;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A loaded, validated suite. Immutable.
 *
 * @param name from the {@code name} field or the file name without extension
 * @param source where it was read from (a path or a name), for messages and reports
 * @param defaultModel {@code defaults.model}, else {@code target.model}, or null
 * @param concurrency how many cases run at once (1..256)
 * @param timeoutMs per-request timeout in milliseconds
 * @param retries extra attempts after a transport error, 429 or 5xx
 */
public record Suite(
    String name,
    String source,
    String description,
    Target target,
    String defaultModel,
    int concurrency,
    long timeoutMs,
    int retries,
    Thresholds thresholds,
    boolean thresholdsGiven,
    JudgeSettings judge,
    List<EvalCase> cases) {
  public static final int DEFAULT_CONCURRENCY = 4;
  public static final long DEFAULT_TIMEOUT_MS = 60_000;
  public static final int DEFAULT_RETRIES = 2;

  public Suite {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(thresholds, "thresholds");
    Objects.requireNonNull(judge, "judge");
    cases = List.copyOf(cases);
    if (concurrency < 1 || concurrency > 256) {
      throw new IllegalArgumentException("concurrency must be in 1..256, got " + concurrency);
    }
    if (timeoutMs < 1) {
      throw new IllegalArgumentException("timeout_ms must be >= 1, got " + timeoutMs);
    }
    if (retries < 0 || retries > 10) {
      throw new IllegalArgumentException("retries must be in 0..10, got " + retries);
    }
    Set<String> ids = new HashSet<>();
    for (EvalCase c : cases) {
      if (!ids.add(c.id())) {
        throw new IllegalArgumentException("duplicate case id '" + c.id() + "'");
      }
    }
  }

  /** Whether any case uses an assertion of the given type. */
  public boolean uses(String type) {
    for (EvalCase c : cases) {
      for (var a : c.assertions()) {
        if (a.assertion().type().equals(type)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The suite with only the given cases. */
  public Suite withCases(List<EvalCase> selected) {
    return new Suite(
        name,
        source,
        description,
        target,
        defaultModel,
        concurrency,
        timeoutMs,
        retries,
        thresholds,
        thresholdsGiven,
        judge,
        selected);
  }
}
