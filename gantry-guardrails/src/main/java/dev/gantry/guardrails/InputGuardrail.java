package dev.gantry.guardrails;

/**
 * Checks text on its way to the model (a user message, a tool result, a retrieved document).
 * Instances are shared and thread-safe, built once per configuration. {@link #check} is CPU-bound
 * (up to a few milliseconds): call it off any event loop.
 */
public interface InputGuardrail {

  /** A short stable name ({@code injection}, {@code pii}, {@code topic}…) used in errors. */
  String name();

  /** Decides about one text. Never returns null; errors are thrown and handled by the caller. */
  GuardrailResult check(GuardText text);
}
