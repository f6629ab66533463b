package dev.gantry.guardrails.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.config.GuardAction;
import dev.gantry.guardrails.GuardText;
import dev.gantry.guardrails.GuardrailResult;
import dev.gantry.guardrails.OutputText;
import dev.gantry.guardrails.pii.PiiDetector;
import dev.gantry.guardrails.pii.PiiType;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PiiGuardrailTest {
  static final PiiDetector DETECTOR = PiiDetector.defaults();

  @Test
  void redaction_rewrites_the_text_and_hands_back_what_to_restore() {
    PiiGuardrail g = new PiiGuardrail(DETECTOR, Set.of(), GuardAction.REDACT, 0.5, true);
    GuardrailResult r = g.check(new GuardText("mail bob@example.org please", null));
    GuardrailResult.Rewrite rw = (GuardrailResult.Rewrite) r;
    assertThat(rw.text()).isEqualTo("mail [EMAIL_1] please");
    assertThat(rw.restore()).containsEntry("[EMAIL_1]", "bob@example.org");
    assertThat(rw.spans())
        .singleElement()
        .extracting(GuardrailResult.Span::type)
        .isEqualTo("EMAIL");
  }

  @Test
  void block_names_the_types_but_never_the_values() {
    PiiGuardrail g = new PiiGuardrail(DETECTOR, Set.of(), GuardAction.BLOCK, 0.5, false);
    GuardrailResult.Reject r =
        (GuardrailResult.Reject) g.check(OutputText.of("call bob@example.org"));
    assertThat(r.message()).contains("EMAIL").doesNotContain("bob@");
  }

  @Test
  void types_outside_the_list_pass() {
    PiiGuardrail g =
        new PiiGuardrail(DETECTOR, Set.of(PiiType.PAYMENT_CARD), GuardAction.BLOCK, 0.5, false);
    assertThat(g.check(OutputText.of("call bob@example.org")))
        .isInstanceOf(GuardrailResult.Pass.class);
  }
}
