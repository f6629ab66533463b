/**
 * Checks answered by external guardrail servers over HTTP: NeMo Guardrails ({@code
 * /v1/chat/completions} with a {@code config_id}, its rails' verdicts read from the activated rails
 * log), Guardrails AI ({@code /guards/{name}/validate}) and a generic webhook. Each protocol turns
 * the text into a request and the server's answer into a {@link
 * dev.gantry.guardrails.external.ExternalVerdict}; {@link
 * dev.gantry.guardrails.external.ExternalGuardrail} maps that into the typed guardrail results.
 */
package dev.gantry.guardrails.external;
