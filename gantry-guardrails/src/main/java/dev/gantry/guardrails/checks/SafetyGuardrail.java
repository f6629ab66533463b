package dev.gantry.guardrails.checks;

import dev.gantry.core.config.GuardAction;
import dev.gantry.guardrails.GuardText;
import dev.gantry.guardrails.GuardrailResult;
import dev.gantry.guardrails.InputGuardrail;
import dev.gantry.guardrails.OutputGuardrail;
import dev.gantry.guardrails.OutputText;
import dev.gantry.guardrails.safety.SafetyCategory;
import dev.gantry.guardrails.safety.SafetyClassifier;
import dev.gantry.guardrails.safety.SafetyVerdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Safety classification on input or output: triggers when any category's score reaches its
 * threshold. On the input it reads the text's shared embedding; on a complete answer it embeds the
 * answer's start; on a stream window (incomplete text) it uses the lexical heads only, which cost
 * microseconds and so may run where stream checks run. Shared and thread-safe.
 */
public final class SafetyGuardrail implements InputGuardrail, OutputGuardrail {
  /** What one check saw: the result and the classifier's scores behind it. */
  public record Outcome(
      GuardrailResult result, SafetyVerdict verdict, List<SafetyCategory> flagged) {
    public Outcome {
      flagged = List.copyOf(flagged);
    }
  }

  private final SafetyClassifier classifier;
  private final GuardAction action;
  private final Map<SafetyCategory, Double> thresholds;

  /**
   * @param thresholds the score at or above which each category triggers; a category absent here
   *     never triggers
   */
  public SafetyGuardrail(
      SafetyClassifier classifier, GuardAction action, Map<SafetyCategory, Double> thresholds) {
    this.classifier = Objects.requireNonNull(classifier, "classifier");
    this.action = Objects.requireNonNull(action, "action");
    EnumMap<SafetyCategory, Double> t = new EnumMap<>(SafetyCategory.class);
    t.putAll(thresholds);
    this.thresholds = java.util.Collections.unmodifiableMap(t);
  }

  /** Every category at {@code threshold}. */
  public static Map<SafetyCategory, Double> uniform(double threshold) {
    Map<SafetyCategory, Double> t = new EnumMap<>(SafetyCategory.class);
    for (SafetyCategory c : SafetyCategory.values()) {
      t.put(c, threshold);
    }
    return t;
  }

  @Override
  public String name() {
    return "safety";
  }

  @Override
  public GuardrailResult check(GuardText text) {
    return evaluate(text).result();
  }

  @Override
  public GuardrailResult check(OutputText output) {
    SafetyVerdict v =
        output.complete()
            ? classifier.classify(output.text())
            : classifier.classifyLexical(output.text());
    return decide(v).result();
  }

  /** Checks an input text and says which categories triggered and with which scores. */
  public Outcome evaluate(GuardText text) {
    return decide(classifier.classify(text.text(), text::embedding));
  }

  private Outcome decide(SafetyVerdict v) {
    List<SafetyCategory> flagged = new ArrayList<>();
    double score = 0;
    for (Map.Entry<SafetyCategory, Double> e : thresholds.entrySet()) {
      double s = v.score(e.getKey());
      if (s >= e.getValue()) {
        flagged.add(e.getKey());
        score = Math.max(score, s);
      }
    }
    if (flagged.isEmpty()) {
      double max = 0;
      for (SafetyCategory c : thresholds.keySet()) {
        max = Math.max(max, v.score(c));
      }
      return new Outcome(new GuardrailResult.Pass(name(), max), v, flagged);
    }
    StringBuilder reason = new StringBuilder();
    for (SafetyCategory c : flagged) {
      reason
          .append(reason.length() == 0 ? "" : ", ")
          .append(String.format(Locale.ROOT, "%s %.2f", c.configName(), v.score(c)));
    }
    List<String> names = flagged.stream().map(SafetyCategory::configName).toList();
    GuardrailResult r =
        Outcomes.of(
            action,
            name(),
            score,
            reason.toString(),
            List.of(),
            "The content was refused by the safety check (" + String.join(", ", names) + ").");
    return new Outcome(r, v, flagged);
  }

  @Override
  public String toString() {
    return "safety(" + action.configName() + ", " + thresholds + ")";
  }
}
