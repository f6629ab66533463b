package dev.gantry.core.events;

/**
 * One guardrail check ran on a request or its answer.
 *
 * @param phase {@code input} or {@code output}
 * @param outcome {@code pass}, {@code blocked}, {@code redacted}, {@code flagged}, {@code
 *     reprompted}
 * @param failed true when the check errored or overran its budget and its fail rule decided
 * @param nanos time the check took, in nanoseconds
 */
public record GuardrailEvaluated(
    String requestId,
    String route,
    String check,
    String phase,
    String outcome,
    double score,
    boolean failed,
    long nanos)
    implements GantryEvent {}
