package dev.gantry.core.pipeline;

import java.util.Objects;

/**
 * A guardrail that triggered on a request or its answer, kept on the exchange for response headers
 * and the audit record.
 *
 * @param check the check's name ({@code injection}, {@code pii}…)
 * @param phase {@code input} or {@code output}
 * @param outcome {@code blocked}, {@code redacted}, {@code flagged}, {@code reprompted} or {@code
 *     failed-open}
 * @param score the check's score in {@code 0..1}
 * @param reason why, without the offending text itself
 */
public record GuardFinding(
    String check, String phase, String outcome, double score, String reason) {
  public GuardFinding {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reason, "reason");
  }
}
