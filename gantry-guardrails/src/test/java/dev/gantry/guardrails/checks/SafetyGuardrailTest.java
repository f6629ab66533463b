package dev.gantry.guardrails.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.config.GuardAction;
import dev.gantry.guardrails.GuardText;
import dev.gantry.guardrails.GuardrailResult;
import dev.gantry.guardrails.OutputText;
import dev.gantry.guardrails.injection.SharedEmbedder;
import dev.gantry.guardrails.safety.SafetyCategory;
import dev.gantry.guardrails.safety.SafetyClassifier;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SafetyGuardrailTest {
  static final SafetyClassifier CLASSIFIER = SafetyClassifier.defaults(SharedEmbedder.get());
  static final String THREAT = "I will find where you live and kill you and your whole family.";

  static GuardText text(String s) {
    return new GuardText(s, SharedEmbedder.get());
  }

  @Test
  void a_threat_is_blocked_and_the_reason_names_the_categories() {
    SafetyGuardrail g =
        new SafetyGuardrail(CLASSIFIER, GuardAction.BLOCK, SafetyGuardrail.uniform(0.5));
    SafetyGuardrail.Outcome o = g.evaluate(text(THREAT));
    assertThat(o.result()).isInstanceOf(GuardrailResult.Reject.class);
    assertThat(o.flagged()).isNotEmpty();
    GuardrailResult.Reject reject = (GuardrailResult.Reject) o.result();
    assertThat(reject.reason()).contains(o.flagged().get(0).configName());
    assertThat(reject.message()).doesNotContain("kill");
  }

  @Test
  void flag_is_an_action_and_a_benign_text_passes() {
    SafetyGuardrail g =
        new SafetyGuardrail(CLASSIFIER, GuardAction.FLAG, SafetyGuardrail.uniform(0.5));
    assertThat(g.check(text(THREAT))).isInstanceOf(GuardrailResult.Flag.class);
    assertThat(g.check(text("How do I kill a Python process that hangs?")))
        .isInstanceOf(GuardrailResult.Pass.class);
  }

  @Test
  void categories_without_a_threshold_never_trigger_and_thresholds_apply_per_category() {
    SafetyGuardrail all =
        new SafetyGuardrail(CLASSIFIER, GuardAction.BLOCK, SafetyGuardrail.uniform(0.5));
    SafetyGuardrail.Outcome o = all.evaluate(text(THREAT));
    Map<SafetyCategory, Double> without = SafetyGuardrail.uniform(0.5);
    o.flagged().forEach(without::remove);
    assertThat(new SafetyGuardrail(CLASSIFIER, GuardAction.BLOCK, without).check(text(THREAT)))
        .isInstanceOf(GuardrailResult.Pass.class);
    SafetyCategory top = o.verdict().top();
    Map<SafetyCategory, Double> strict = Map.of(top, o.verdict().score(top) + 1e-6);
    assertThat(new SafetyGuardrail(CLASSIFIER, GuardAction.BLOCK, strict).check(text(THREAT)))
        .isInstanceOf(GuardrailResult.Pass.class);
    Map<SafetyCategory, Double> lax = Map.of(top, o.verdict().score(top));
    assertThat(new SafetyGuardrail(CLASSIFIER, GuardAction.BLOCK, lax).check(text(THREAT)))
        .isInstanceOf(GuardrailResult.Reject.class);
  }

  @Test
  void stream_windows_are_scored_by_the_lexical_heads_and_complete_answers_by_the_full_ones() {
    SafetyGuardrail g =
        new SafetyGuardrail(CLASSIFIER, GuardAction.BLOCK, SafetyGuardrail.uniform(0.5));
    String abuse = "You are a pathetic, worthless idiot and everyone laughs at you.";
    GuardrailResult window = g.check(new OutputText(abuse, false, null, null));
    GuardrailResult whole = g.check(OutputText.of(abuse));
    assertThat(window.score()).isEqualTo(CLASSIFIER.classifyLexical(abuse).maxScore());
    assertThat(whole.score()).isEqualTo(CLASSIFIER.classify(abuse).maxScore());
    assertThat(window).isInstanceOf(GuardrailResult.Reject.class);
    assertThat(whole).isInstanceOf(GuardrailResult.Reject.class);
  }
}
