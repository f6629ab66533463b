package dev.gantry.guardrails;

/**
 * Checks a model's answer, whole or (for streams) a window of it as it arrives. Instances are
 * shared and thread-safe, built once per configuration; {@link #check} is CPU-bound.
 */
public interface OutputGuardrail {

  /** A short stable name ({@code json}, {@code pii}, {@code canary}…) used in errors. */
  String name();

  /**
   * Decides about an answer. May return {@link GuardrailResult.Reprompt} to ask the model again.
   */
  GuardrailResult check(OutputText output);
}
