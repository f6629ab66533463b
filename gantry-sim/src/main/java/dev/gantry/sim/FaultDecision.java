package dev.gantry.sim;

/** What the fault plan decided for one request. Values; compare with {@code instanceof}. */
sealed interface FaultDecision
    permits FaultDecision.None,
        FaultDecision.Status,
        FaultDecision.Hang,
        FaultDecision.Reset,
        FaultDecision.Malformed {

  FaultDecision NONE = new None();

  /** No fault: answer normally. */
  record None() implements FaultDecision {}

  /** Answer with {@code status}; {@code retryAfterSeconds} < 0 means no Retry-After header. */
  record Status(int status, int retryAfterSeconds) implements FaultDecision {}

  /** Never answer. */
  record Hang() implements FaultDecision {}

  /** Close the connection after {@code afterChunks} stream events. */
  record Reset(int afterChunks) implements FaultDecision {}

  /** Corrupt one stream event or the non-streaming body. */
  record Malformed() implements FaultDecision {}
}
