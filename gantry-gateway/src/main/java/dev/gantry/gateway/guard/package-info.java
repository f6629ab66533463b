/**
 * The guardrail stages: {@code input_guard} runs a route's input checks concurrently on the worker
 * pool before the model is called (block, redact, flag, redirect), and {@code output_guard} checks
 * answers (JSON format with one repair attempt, PII, system-prompt canary), incrementally on
 * streams.
 */
package dev.gantry.gateway.guard;
