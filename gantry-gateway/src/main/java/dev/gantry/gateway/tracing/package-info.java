/**
 * OpenTelemetry traces: a span per request, per stage and per upstream attempt with the GenAI
 * semantic-convention attributes, W3C {@code traceparent} accepted from clients and sent upstream,
 * exported over OTLP when configured.
 */
package dev.gantry.gateway.tracing;
