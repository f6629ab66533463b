package dev.gantry.guardrails.checks;

import dev.gantry.core.config.GuardAction;
import dev.gantry.guardrails.GuardrailResult;
import java.util.List;

/** Maps a triggered check to the result its configured action asks for. */
final class Outcomes {
  private Outcomes() {}

  static GuardrailResult of(
      GuardAction action,
      String guardrail,
      double score,
      String reason,
      List<GuardrailResult.Span> spans,
      String clientMessage) {
    switch (action) {
      case FLAG:
        return new GuardrailResult.Flag(guardrail, score, reason, spans);
      case REPROMPT:
        return new GuardrailResult.Reprompt(guardrail, score, reason);
      default:
        return new GuardrailResult.Reject(guardrail, score, reason, spans, clientMessage);
    }
  }
}
