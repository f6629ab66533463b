package dev.gantry.core.cost;

import java.util.Locale;
import java.util.Objects;

/**
 * A cascade moved a request from one tier to the next because the cheaper tier's answer failed a
 * check; the discarded answer's cost still counts.
 */
public record Escalation(String from, String to, Reason reason) {

  /** Why an answer was not good enough. */
  public enum Reason {
    /** The model refused ({@code refusal} set, or a refusal phrase). */
    REFUSAL,
    /** The model said it does not know. */
    DONT_KNOW,
    /** No text and no tool call. */
    EMPTY,
    /** Cut off by the token limit ({@code finish_reason: length}). */
    TRUNCATED,
    /** Not valid JSON although JSON was requested. */
    INVALID_JSON,
    /** Valid JSON that does not match the requested schema. */
    SCHEMA_MISMATCH;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Escalation {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(reason, "reason");
  }
}
