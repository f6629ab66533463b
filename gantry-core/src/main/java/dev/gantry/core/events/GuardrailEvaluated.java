package dev.gantry.core.events;

import java.util.Locale;
import java.util.Objects;

/**
 * One guardrail check ran on a request or its answer: published once per check, with that check's
 * own time and failure (not those of the batch it ran in).
 *
 * @param check the check's name ({@code injection}, {@code grounding}, …)
 * @param score the check's score in {@code 0..1}
 * @param failure why the check's own result was replaced by its {@code on_error} rule, or {@link
 *     Failure#NONE}
 * @param nanos time from the check's submission to its result, in nanoseconds
 */
public record GuardrailEvaluated(
    String requestId,
    String route,
    String check,
    Phase phase,
    Outcome outcome,
    double score,
    Failure failure,
    long nanos)
    implements GantryEvent {

  public GuardrailEvaluated {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(failure, "failure");
  }

  /** True when the check errored, overran its budget or could not be started. */
  public boolean failed() {
    return failure != Failure.NONE;
  }

  /** Where the check ran. */
  public enum Phase {
    /** On the request, before the model is called. */
    INPUT,
    /** On a complete answer. */
    OUTPUT,
    /** On a window of a streamed answer. */
    STREAM;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What the check's result asked for. */
  public enum Outcome {
    PASS,
    FLAGGED,
    REDACTED,
    REPROMPTED,
    BLOCKED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Why a check's own result was not used. */
  public enum Failure {
    NONE,
    /** The check threw. */
    ERROR,
    /** The check did not finish within its budget. */
    TIMEOUT,
    /** The worker pool refused the check (its queue was full). */
    REJECTED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
