package dev.gantry.core.events;

import java.util.Locale;

/**
 * One guardrail check ran on a request or its answer.
 *
 * @param failed true when the check errored or overran its budget and its fail rule decided
 * @param nanos time this check took, from submission to result, in nanoseconds
 */
public record GuardrailEvaluated(
    String requestId,
    String route,
    String check,
    Phase phase,
    Outcome outcome,
    double score,
    boolean failed,
    long nanos)
    implements GantryEvent {

  /** Which side of the exchange was checked. */
  public enum Phase {
    INPUT,
    OUTPUT;

    /** The phase as written in configs, findings and metric labels ({@code input}). */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The phase named {@code label} ({@code input} or {@code output}). */
    public static Phase of(String label) {
      return valueOf(label.toUpperCase(Locale.ROOT));
    }
  }

  /** What the check decided. */
  public enum Outcome {
    PASS,
    BLOCKED,
    REDACTED,
    FLAGGED,
    REPROMPTED;

    /** The outcome as written in findings and metric labels ({@code blocked}). */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public GuardrailEvaluated {
    java.util.Objects.requireNonNull(phase, "phase");
    java.util.Objects.requireNonNull(outcome, "outcome");
  }
}
