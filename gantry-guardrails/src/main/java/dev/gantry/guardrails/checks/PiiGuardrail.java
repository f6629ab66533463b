package dev.gantry.guardrails.checks;

import dev.gantry.core.config.GuardAction;
import dev.gantry.guardrails.GuardText;
import dev.gantry.guardrails.GuardrailResult;
import dev.gantry.guardrails.InputGuardrail;
import dev.gantry.guardrails.OutputGuardrail;
import dev.gantry.guardrails.OutputText;
import dev.gantry.guardrails.pii.PiiDetector;
import dev.gantry.guardrails.pii.PiiSpan;
import dev.gantry.guardrails.pii.PiiType;
import dev.gantry.guardrails.pii.Redaction;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * PII and credentials, in requests or answers: block, redact with numbered placeholders (restored
 * in the answer when configured) or flag. Shared and thread-safe.
 */
public final class PiiGuardrail implements InputGuardrail, OutputGuardrail {
  private final PiiDetector detector;
  private final Set<PiiType> types;
  private final GuardAction action;
  private final double threshold;
  private final boolean restore;

  /**
   * @param types the types acted on; empty means every type the detector knows
   * @param threshold minimum detector confidence, {@code 0..1}
   * @param restore on redaction, hand back the placeholders so the answer can be restored
   */
  public PiiGuardrail(
      PiiDetector detector,
      Set<PiiType> types,
      GuardAction action,
      double threshold,
      boolean restore) {
    this.detector = Objects.requireNonNull(detector, "detector");
    this.types = types.isEmpty() ? EnumSet.allOf(PiiType.class) : EnumSet.copyOf(types);
    this.action = Objects.requireNonNull(action, "action");
    this.threshold = threshold;
    this.restore = restore;
  }

  @Override
  public String name() {
    return "pii";
  }

  @Override
  public GuardrailResult check(GuardText text) {
    return evaluate(text.text(), "The request contains personal data");
  }

  @Override
  public GuardrailResult check(OutputText output) {
    return evaluate(output.text(), "The answer contained personal data");
  }

  private GuardrailResult evaluate(String text, String what) {
    List<PiiSpan> found = new ArrayList<>();
    double score = 0;
    for (PiiSpan s : detector.detect(text)) {
      if (types.contains(s.type()) && s.score() >= threshold) {
        found.add(s);
        score = Math.max(score, s.score());
      }
    }
    if (found.isEmpty()) {
      return new GuardrailResult.Pass(name(), 0);
    }
    List<GuardrailResult.Span> spans = new ArrayList<>(found.size());
    Set<String> kinds = new TreeSet<>();
    for (PiiSpan s : found) {
      spans.add(new GuardrailResult.Span(s.start(), s.end(), s.type().name()));
      kinds.add(s.type().name());
    }
    String reason = "found " + String.join(", ", kinds);
    if (action == GuardAction.REDACT) {
      Redaction r = Redaction.of(text, found);
      return new GuardrailResult.Rewrite(
          name(), score, reason, spans, r.text(), restore ? r.placeholders() : Map.of());
    }
    return Outcomes.of(
        action,
        name(),
        score,
        reason,
        spans,
        what + " (" + String.join(", ", kinds) + ") that this route does not accept.");
  }

  @Override
  public String toString() {
    return "pii(" + action.configName() + ")";
  }
}
