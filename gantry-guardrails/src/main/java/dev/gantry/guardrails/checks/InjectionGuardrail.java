package dev.gantry.guardrails.checks;

import dev.gantry.core.config.GuardAction;
import dev.gantry.guardrails.GuardText;
import dev.gantry.guardrails.GuardrailResult;
import dev.gantry.guardrails.InputGuardrail;
import dev.gantry.guardrails.injection.InjectionDetector;
import dev.gantry.guardrails.injection.InjectionVerdict;
import java.util.List;
import java.util.Objects;

/**
 * Prompt injection and jailbreaks: the detector's heuristics (normalised, decoded text against
 * named rules) and its trained classifier, reusing the text's shared embedding. Triggers when the
 * detector's score reaches the threshold (a matched rule scores 1). Shared and thread-safe.
 */
public final class InjectionGuardrail implements InputGuardrail {
  private final InjectionDetector detector;
  private final GuardAction action;
  private final double threshold;

  public InjectionGuardrail(InjectionDetector detector, GuardAction action, double threshold) {
    this.detector = Objects.requireNonNull(detector, "detector");
    this.action = Objects.requireNonNull(action, "action");
    this.threshold = threshold;
  }

  @Override
  public String name() {
    return "injection";
  }

  @Override
  public GuardrailResult check(GuardText text) {
    // The shared embedding covers the first GuardText.WINDOW characters: the detector's window.
    // Asked for only after the detector has embedded the suspicious line, so another check can
    // compute it meanwhile on another worker.
    InjectionVerdict v =
        detector.detect(
            text.text(),
            text::embedding,
            text.document() ? InjectionDetector.Role.DOCUMENT : InjectionDetector.Role.PROMPT);
    if (v.score() < threshold) {
      return new GuardrailResult.Pass(name(), v.score());
    }
    String reason =
        v.layer() == InjectionVerdict.Layer.HEURISTIC
            ? "matched "
                + String.join(", ", v.matchedRules())
                + (v.decodedPayload() == null ? "" : " (in a decoded payload)")
            : String.format(java.util.Locale.ROOT, "classifier score %.2f", v.score());
    return Outcomes.of(
        action,
        name(),
        v.score(),
        reason,
        List.of(),
        "The request looks like a prompt injection or jailbreak attempt and was not sent to the"
            + " model.");
  }

  @Override
  public String toString() {
    return "injection(" + action.configName() + ", " + threshold + ")";
  }
}
