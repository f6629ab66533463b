package dev.gantry.eval.assertion;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code is-refusal} and {@code i-dont-know}: the start of the output contains one of the phrases
 * of {@link Phrases} (plus any given in the suite). {@code is-refusal} also passes when a guardrail
 * blocked the request.
 */
record PhraseCheck(String type, List<String> phrases, boolean blockCounts) implements Assertion {
  PhraseCheck {
    phrases = List.copyOf(phrases);
  }

  static PhraseCheck refusal(List<String> extra) {
    List<String> all = new ArrayList<>(extra);
    all.addAll(Phrases.REFUSAL);
    return new PhraseCheck("is-refusal", all, true);
  }

  static PhraseCheck iDontKnow(List<String> extra) {
    List<String> all = new ArrayList<>(extra);
    all.addAll(Phrases.I_DONT_KNOW);
    return new PhraseCheck("i-dont-know", all, false);
  }

  @Override
  public Check check(CaseOutput output, EvalServices services) {
    if (blockCounts && output.blocked()) {
      return Check.of(true, "the request was blocked by guardrail '" + output.blockedBy() + "'");
    }
    String phrase = Phrases.find(output.text(), phrases);
    if (phrase != null) {
      return Check.of(true, "output says " + Quote.of(phrase));
    }
    return Check.of(
        false,
        "output "
            + Quote.of(output.text())
            + (blockCounts ? " is not a refusal" : " does not say it does not know"));
  }
}
