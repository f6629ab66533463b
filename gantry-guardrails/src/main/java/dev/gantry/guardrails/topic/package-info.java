/**
 * Topic filtering: allowed and denied topics described by examples, decided by sentence-embedding
 * similarity with thresholds.
 */
package dev.gantry.guardrails.topic;
