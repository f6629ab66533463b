package dev.gantry.gateway.guard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.GuardrailEvaluated;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.pipeline.GuardFinding;
import dev.gantry.core.pipeline.Verdict;
import dev.gantry.guardrails.GuardrailResult;

/** Turns guardrail results into findings, events, errors and refusal answers. Stateless. */
final class Decisions {
  /** The error type of a request or answer refused by a guardrail. */
  static final String REJECTED = "guardrail_rejected";

  private Decisions() {}

  static String outcome(GuardrailResult r) {
    return outcomeOf(r).label();
  }

  static GuardrailEvaluated.Outcome outcomeOf(GuardrailResult r) {
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

  /**
   * Publishes the evaluation and, when it triggered, records a finding on the exchange.
   *
   * @param nanos the time this check took
   * @param failure the error or timeout that replaced the check's own result, or null
   */
  static void record(
      EventBus events,
      Exchange exchange,
      String phase,
      GuardrailResult r,
      long nanos,
      Throwable failure) {
    String route = exchange.route() == null ? null : exchange.route().name();
    events.publish(
        new GuardrailEvaluated(
            exchange.requestId(),
            route,
            r.guardrail(),
            GuardrailEvaluated.Phase.of(phase),
            outcomeOf(r),
            r.score(),
            failure != null,
            nanos));
    if (r.triggered()) {
      exchange.finding(new GuardFinding(r.guardrail(), phase, outcome(r), r.score(), reason(r)));
    }
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
