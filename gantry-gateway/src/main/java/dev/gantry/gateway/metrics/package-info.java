/**
 * In-process metrics built from the event bus (guardrail evaluations, completed requests, degraded
 * answers) and served in the Prometheus text format on the admin API.
 */
package dev.gantry.gateway.metrics;
