package dev.gantry.guardrails.checks;

import dev.gantry.core.config.GuardAction;
import dev.gantry.guardrails.GuardText;
import dev.gantry.guardrails.GuardrailResult;
import dev.gantry.guardrails.InputGuardrail;
import dev.gantry.guardrails.topic.TopicDecision;
import dev.gantry.guardrails.topic.TopicFilter;
import java.util.List;
import java.util.Objects;

/**
 * Keeps a route on its topics: a request close to a denied topic, or far from every allowed one,
 * gets the route's redirect message. Shared and thread-safe; uses the text's shared embedding.
 */
public final class TopicGuardrail implements InputGuardrail {
  private final TopicFilter filter;
  private final GuardAction action;
  private final String redirectMessage;

  public TopicGuardrail(TopicFilter filter, GuardAction action, String redirectMessage) {
    this.filter = Objects.requireNonNull(filter, "filter");
    this.action = Objects.requireNonNull(action, "action");
    this.redirectMessage = Objects.requireNonNull(redirectMessage, "redirectMessage");
  }

  @Override
  public String name() {
    return "topic";
  }

  /** The message an off-topic request is answered with. */
  public String redirectMessage() {
    return redirectMessage;
  }

  @Override
  public GuardrailResult check(GuardText text) {
    TopicDecision d = filter.check(text.embedding());
    if (d.outcome() == TopicDecision.Outcome.ALLOWED) {
      return new GuardrailResult.Pass(name(), 0);
    }
    double score =
        d.outcome() == TopicDecision.Outcome.DENIED
            ? clamp(d.similarity())
            : clamp(1 - d.similarity());
    String reason =
        d.outcome() == TopicDecision.Outcome.DENIED
            ? "close to denied topic '" + d.topic() + "' (similarity " + round(d.similarity()) + ")"
            : "off-topic (nearest allowed topic '"
                + d.topic()
                + "', similarity "
                + round(d.similarity())
                + ")";
    return Outcomes.of(action, name(), score, reason, List.of(), redirectMessage);
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }

  private static String round(double v) {
    return String.format(java.util.Locale.ROOT, "%.2f", v);
  }

  @Override
  public String toString() {
    return "topic(" + action.configName() + ")";
  }
}
