package dev.gantry.guardrails;

/**
 * An input check that also reads the request's context (route, tenant, customer, tags, role).
 * Callers that know the request call {@link #check(GuardText, CheckContext)}; {@link
 * #check(GuardText)} checks with {@link CheckContext#NONE} seen from the input.
 */
public interface ContextualInputGuardrail extends InputGuardrail {

  GuardrailResult check(GuardText text, CheckContext context);

  @Override
  default GuardrailResult check(GuardText text) {
    return check(text, CheckContext.NONE.with("input", "user"));
  }
}
