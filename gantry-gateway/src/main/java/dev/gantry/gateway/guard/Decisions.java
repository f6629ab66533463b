package dev.gantry.gateway.guard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.GuardrailEvaluated;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.pipeline.GuardFinding;
import dev.gantry.core.pipeline.Verdict;
import dev.gantry.guardrails.GuardrailResult;
import dev.gantry.guardrails.GuardrailRunner;

/** Turns guardrail results into findings, events, errors and refusal answers. Stateless. */
final class Decisions {
  /** The error type of a request or answer refused by a guardrail. */
  static final String REJECTED = "guardrail_rejected";

  private Decisions() {}

  static String outcome(GuardrailResult r) {
    return typedOutcome(r).label();
  }

  static String reason(GuardrailResult r) {
    if (r instanceof GuardrailResult.Reject x) {
      return x.reason();
    }
    if (r instanceof GuardrailResult.Rewrite x) {
      return x.reason();
    }
    if (r instanceof GuardrailResult.Flag x) {
      return x.reason();
    }
    if (r instanceof GuardrailResult.Reprompt x) {
      return x.reason();
    }
    return "";
  }

  /** Publishes the evaluation and, when it triggered, records a finding on the exchange. */
  static void record(
      EventBus events,
      Exchange exchange,
      GuardrailEvaluated.Phase phase,
      GuardrailResult r,
      long nanos,
      Throwable failure) {
    events.publish(event(exchange, phase, r, nanos, failure));
    finding(exchange, phase, r);
  }

  /** When the result triggered, records a finding on the exchange (its event-loop thread only). */
  static void finding(Exchange exchange, GuardrailEvaluated.Phase phase, GuardrailResult r) {
    if (r.triggered()) {
      String p = phase == GuardrailEvaluated.Phase.INPUT ? "input" : "output";
      exchange.finding(new GuardFinding(r.guardrail(), p, outcome(r), r.score(), reason(r)));
    }
  }

  /**
   * A runner listener that publishes one event per check as it finishes, on the thread that
   * finished it. Reads only the exchange's request id and route, which do not change any more.
   */
  static GuardrailRunner.Listener publisher(
      EventBus events, Exchange exchange, GuardrailEvaluated.Phase phase) {
    String requestId = exchange.requestId();
    String route = exchange.route() == null ? null : exchange.route().name();
    return (r, nanos, failure) ->
        events.publish(
            new GuardrailEvaluated(
                requestId,
                route,
                r.guardrail(),
                phase,
                typedOutcome(r),
                r.score(),
                failure(failure),
                nanos));
  }

  static GuardrailEvaluated event(
      Exchange exchange,
      GuardrailEvaluated.Phase phase,
      GuardrailResult r,
      long nanos,
      Throwable failure) {
    return new GuardrailEvaluated(
        exchange.requestId(),
        exchange.route() == null ? null : exchange.route().name(),
        r.guardrail(),
        phase,
        typedOutcome(r),
        r.score(),
        failure(failure),
        nanos);
  }

  static GuardrailEvaluated.Outcome typedOutcome(GuardrailResult r) {
    if (r instanceof GuardrailResult.Reject) {
      return GuardrailEvaluated.Outcome.BLOCKED;
    }
    if (r instanceof GuardrailResult.Rewrite) {
      return GuardrailEvaluated.Outcome.REDACTED;
    }
    if (r instanceof GuardrailResult.Flag) {
      return GuardrailEvaluated.Outcome.FLAGGED;
    }
    if (r instanceof GuardrailResult.Reprompt) {
      return GuardrailEvaluated.Outcome.REPROMPTED;
    }
    return GuardrailEvaluated.Outcome.PASS;
  }

  static GuardrailEvaluated.Failure failure(Throwable cause) {
    if (cause == null) {
      return GuardrailEvaluated.Failure.NONE;
    }
    if (cause instanceof java.util.concurrent.TimeoutException) {
      return GuardrailEvaluated.Failure.TIMEOUT;
    }
    if (cause instanceof java.util.concurrent.RejectedExecutionException) {
      return GuardrailEvaluated.Failure.REJECTED;
    }
    return GuardrailEvaluated.Failure.ERROR;
  }

  /** A 400 naming the check in {@code code}. */
  static ApiError error(String check, String message) {
    return new ApiError(400, message, REJECTED, null, check);
  }

  /**
   * A refusal: a 400 naming the check, or, when the route configures a refusal text (or the check
   * brings its own, like the topic redirect), a normal completion with finish reason {@code
   * content_filter}.
   */
  static Verdict refuse(Exchange exchange, String check, String message, String answer) {
    if (answer == null) {
      return new Verdict.Reject(error(check, message), check + ": " + message);
    }
    return new Verdict.Respond(completion(exchange, answer), check + ": refused");
  }

  static ObjectNode completion(Exchange exchange, String text) {
    return dev.gantry.gateway.http.Completions.of(
        exchange.requestId(),
        exchange.receivedAt().getEpochSecond(),
        exchange.request().model(),
        text,
        "content_filter",
        0,
        0);
  }
}
