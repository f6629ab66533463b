/**
 * The guardrail contract, usable as a plain Java library: {@link
 * dev.gantry.guardrails.InputGuardrail} and {@link dev.gantry.guardrails.OutputGuardrail} return
 * typed {@link dev.gantry.guardrails.GuardrailResult}s (pass, flag, rewrite, reject, reprompt), and
 * {@link dev.gantry.guardrails.GuardrailRunner} runs several concurrently within per-check time
 * budgets with a fail-open or fail-closed rule; a check past its budget is stopped ({@link
 * dev.gantry.guardrails.WorkBudget}, interruption), and one run uses at most part of the pool.
 */
package dev.gantry.guardrails;
