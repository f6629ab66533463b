/**
 * The built-in guardrails: each wraps one detector (PII, topic, injection, JSON format, canary) and
 * turns its findings into a {@link dev.gantry.guardrails.GuardrailResult} according to the
 * configured action and threshold.
 */
package dev.gantry.guardrails.checks;
