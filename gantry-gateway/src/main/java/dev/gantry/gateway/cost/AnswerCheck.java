package dev.gantry.gateway.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.config.GuardAction;
import dev.gantry.core.config.TieringConfig;
import dev.gantry.core.cost.Escalation;
import dev.gantry.guardrails.GuardrailResult;
import dev.gantry.guardrails.OutputText;
import dev.gantry.guardrails.checks.JsonFormatGuardrail;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a cascade checks in a cheaper tier's complete answer before accepting it: a refusal, an "I
 * don't know", an empty answer, one cut off by the token limit, and, when JSON was requested,
 * invalid JSON or JSON that does not match the requested schema (the output format guardrail's
 * validator). The first failing check names the escalation reason. Shared and thread-safe.
 */
final class AnswerCheck {
  private static final Pattern REFUSAL =
      Pattern.compile(
          "^\\W*(i'?m sorry,? but |sorry,? )?(i|we) (can(no|')t|cannot|am unable to|'m unable to"
              + "|won'?t|will not|am not able to) (help|assist|comply|provide|do that|answer)");
  private static final Pattern DONT_KNOW =
      Pattern.compile(
          "\\b(i (do not|don'?t) know|i'?m not sure|i am not sure|i (do not|don'?t) have enough"
              + " information|(cannot|can'?t) (determine|be determined)|not enough information)"
              + "\\b");

  private final JsonFormatGuardrail json = new JsonFormatGuardrail(GuardAction.FLAG, null);

  /** The reason to escalate, or null when the answer passes every configured check. */
  Escalation.Reason check(
      ObjectNode completion, JsonNode responseFormat, List<TieringConfig.Check> checks) {
    JsonNode choice = completion.path("choices").path(0);
    JsonNode message = choice.path("message");
    String content = message.path("content").isTextual() ? message.get("content").asText() : "";
    boolean toolCalls =
        message.path("tool_calls").isArray() && !message.get("tool_calls").isEmpty();
    String lower = content.strip().toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    for (TieringConfig.Check c : checks) {
      switch (c) {
        case EMPTY -> {
          if (content.isBlank() && !toolCalls) {
            return Escalation.Reason.EMPTY;
          }
        }
        case TRUNCATED -> {
          if ("length".equals(choice.path("finish_reason").asText())) {
            return Escalation.Reason.TRUNCATED;
          }
        }
        case REFUSAL -> {
          if (message.path("refusal").isTextual() || REFUSAL.matcher(lower).find()) {
            return Escalation.Reason.REFUSAL;
          }
        }
        case DONT_KNOW -> {
          if (lower.length() < 600 && DONT_KNOW.matcher(lower).find()) {
            return Escalation.Reason.DONT_KNOW;
          }
        }
        case JSON -> {
          if (responseFormat != null && !toolCalls) {
            GuardrailResult r = json.check(new OutputText(content, true, responseFormat, null));
            if (r instanceof GuardrailResult.Flag f) {
              return f.reason().contains("Schema")
                  ? Escalation.Reason.SCHEMA_MISMATCH
                  : Escalation.Reason.INVALID_JSON;
            }
          }
        }
        default -> {
          // every check is handled above
        }
      }
    }
    return null;
  }
}
