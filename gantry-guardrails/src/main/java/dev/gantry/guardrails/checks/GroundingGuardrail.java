package dev.gantry.guardrails.checks;

import dev.gantry.core.config.GuardAction;
import dev.gantry.guardrails.GuardrailResult;
import dev.gantry.guardrails.OutputGuardrail;
import dev.gantry.guardrails.OutputText;
import dev.gantry.guardrails.grounding.ClaimResult;
import dev.gantry.guardrails.grounding.GroundingChecker;
import dev.gantry.guardrails.grounding.GroundingModel;
import dev.gantry.guardrails.grounding.GroundingReport;
import dev.gantry.guardrails.grounding.Support;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Factual grounding of an answer in the sources retrieved for its request: triggers when a claim's
 * risk reaches the threshold (unsupported or contradicted) or, with {@code citations}, when a claim
 * cites a source that does not support it. Answers of requests without sources pass (there is
 * nothing to ground them in); incomplete stream windows pass (claims are judged whole, at the end).
 * {@code reprompt} asks the model again naming the claims. Shared and thread-safe.
 */
public final class GroundingGuardrail implements OutputGuardrail {
  /** What one check saw: the result and the per-claim report behind it (null when not run). */
  public record Outcome(GuardrailResult result, GroundingReport report) {}

  private static final int QUOTE = 120;

  private final GroundingChecker checker;
  private final GuardAction action;
  private final boolean citations;

  /**
   * @param threshold a claim's risk at or above which it is not grounded (0.5 is the bundled
   *     model's measured operating point)
   * @param citations also trigger on claims that cite a source that does not support them
   */
  public GroundingGuardrail(
      GroundingChecker checker, GuardAction action, double threshold, boolean citations) {
    Objects.requireNonNull(checker, "checker");
    this.action = Objects.requireNonNull(action, "action");
    this.citations = citations;
    double t = Math.min(0.99, Math.max(0.01, threshold));
    this.checker =
        new GroundingChecker(checker.embedder(), new GroundingModel(checker.model().model(), t));
  }

  @Override
  public String name() {
    return "grounding";
  }

  @Override
  public GuardrailResult check(OutputText output) {
    return evaluate(output).result();
  }

  /** Checks an answer and returns the per-claim report with the result. */
  public Outcome evaluate(OutputText output) {
    List<String> sources = output.context().sources();
    if (!output.complete() || sources.isEmpty() || output.text().isBlank()) {
      return new Outcome(new GuardrailResult.Pass(name(), 0), null);
    }
    GroundingReport report =
        checker.check(output.text(), sources, blankToNull(output.context().question()));
    List<ClaimResult> problems = new ArrayList<>();
    for (ClaimResult c : report.claims()) {
      if (c.support() != Support.SUPPORTED || (citations && !c.badCitations().isEmpty())) {
        problems.add(c);
      }
    }
    if (problems.isEmpty()) {
      return new Outcome(new GuardrailResult.Pass(name(), report.score()), report);
    }
    List<GuardrailResult.Span> spans = new ArrayList<>();
    for (ClaimResult c : problems) {
      spans.add(new GuardrailResult.Span(c.claim().start(), c.claim().end(), kind(c)));
    }
    String reason = reason(problems, report.claims().size());
    GuardrailResult r;
    if (action == GuardAction.REPROMPT) {
      r =
          new GuardrailResult.Reprompt(
              name(),
              report.score(),
              reason
                  + ". Answer again using only the numbered sources, cite the source of each"
                  + " statement, and leave out what the sources do not say");
    } else {
      r =
          Outcomes.of(
              action,
              name(),
              report.score(),
              reason,
              spans,
              "The answer was refused: it makes claims that the retrieved sources do not"
                  + " support.");
    }
    return new Outcome(r, report);
  }

  static String kind(ClaimResult c) {
    return c.support() == Support.SUPPORTED ? "miscited" : c.support().label();
  }

  private static String reason(List<ClaimResult> problems, int claims) {
    StringBuilder b =
        new StringBuilder()
            .append(problems.size())
            .append(" of ")
            .append(claims)
            .append(claims == 1 ? " claim is" : " claims are")
            .append(" not supported by the sources: ");
    for (int i = 0; i < problems.size(); i++) {
      ClaimResult c = problems.get(i);
      b.append(i == 0 ? "" : "; ").append('"').append(quote(c.claim().text())).append("\" (");
      b.append(kind(c));
      if (!c.conflicts().isEmpty()) {
        b.append(": ").append(String.join(", ", c.conflicts()));
      } else if (c.support() == Support.SUPPORTED) {
        b.append(": cites ").append(c.badCitations());
      } else if (!c.missing().isEmpty()) {
        b.append(": not in the sources: ")
            .append(String.join(", ", c.missing().subList(0, Math.min(5, c.missing().size()))));
      }
      b.append(')');
    }
    return b.toString();
  }

  private static String quote(String s) {
    return s.length() <= QUOTE ? s : s.substring(0, QUOTE - 1) + "…";
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  @Override
  public String toString() {
    return "grounding("
        + action.configName()
        + ", "
        + String.format(Locale.ROOT, "%.2f", checker.model().threshold())
        + (citations ? ", citations" : "")
        + ")";
  }
}
