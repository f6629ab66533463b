/**
 * Batch scanning of JSON lines with the input checks, for auditing logs and datasets and for
 * measuring detectors: one result line per input line, in order.
 */
package dev.gantry.guardrails.scan;
