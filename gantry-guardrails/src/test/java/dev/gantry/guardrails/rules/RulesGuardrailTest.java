package dev.gantry.guardrails.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.config.ConfigException;
import dev.gantry.core.config.ConfigLoader;
import dev.gantry.core.config.GuardAction;
import dev.gantry.core.config.GuardCheck;
import dev.gantry.guardrails.CheckContext;
import dev.gantry.guardrails.GuardText;
import dev.gantry.guardrails.GuardrailResult;
import dev.gantry.guardrails.OutputText;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RulesGuardrailTest {
  static final GuardCheck.Settings BLOCK =
      new GuardCheck.Settings(GuardAction.BLOCK, 0.5, Duration.ofSeconds(1), false);

  static RulesGuardrail rules(String data, GuardCheck.BusinessRule... rules) {
    return RulesGuardrail.of(new GuardCheck.Rules(BLOCK, List.of(rules), data));
  }

  static GuardCheck.BusinessRule rule(String name, String when, String message) {
    return new GuardCheck.BusinessRule(name, when, message, null, "rules[0]");
  }

  static GuardrailResult answer(RulesGuardrail g, String text) {
    return g.check(OutputText.of(text));
  }

  @Test
  void a_large_refund_without_the_approval_phrase_is_refused_with_the_rules_message() {
    RulesGuardrail g =
        rules(
            "{}",
            rule(
                "refund-approval",
                "has(json.refund) && json.refund > 500 && !json.note.contains('pending approval')",
                "Refunds above 500 need the phrase 'pending approval'."));
    assertThat(answer(g, "{\"refund\": 650.5, \"note\": \"done\"}"))
        .isInstanceOfSatisfying(
            GuardrailResult.Reject.class,
            r -> assertThat(r.message()).contains("pending approval"));
    assertThat(answer(g, "{\"refund\": 650, \"note\": \"pending approval by a manager\"}"))
        .isInstanceOf(GuardrailResult.Pass.class);
    assertThat(answer(g, "{\"refund\": 120, \"note\": \"done\"}"))
        .isInstanceOf(GuardrailResult.Pass.class);
    assertThat(answer(g, "No JSON here.")).isInstanceOf(GuardrailResult.Pass.class);
  }

  @Test
  void prices_quoted_in_the_text_must_come_from_the_catalog() {
    RulesGuardrail g =
        rules(
            "{\"prices\": [9.99, 24.5]}",
            rule(
                "catalog-prices",
                "find_all(text, '\\\\$[0-9]+(\\\\.[0-9]+)?')"
                    + ".exists(p, !(double(p.substring(1)) in data.prices))",
                "Quote only catalog prices."));
    assertThat(answer(g, "The kettle costs $24.5 and the mug $9.99."))
        .isInstanceOf(GuardrailResult.Pass.class);
    assertThat(answer(g, "The kettle costs $19.99.")).isInstanceOf(GuardrailResult.Reject.class);
  }

  @Test
  void conditions_read_the_request_context_and_text_length() {
    RulesGuardrail g =
        rules(
            "{}",
            rule(
                "medical-disclaimer",
                "'topic:medical' in request.tags && !text.trim().endsWith('not medical advice.')",
                "Medical answers end with the disclaimer."),
            rule("short-for-free", "request.tenant == 'free' && size(text) > 40", "Too long."));
    CheckContext medical =
        new CheckContext(
            "input", "user", "r", "acme", "", List.of("topic:medical"), Map.of(), "", List.of());
    assertThat(g.check(new GuardText("Rest and drink water.", null), medical))
        .isInstanceOf(GuardrailResult.Reject.class);
    assertThat(
            g.check(
                new GuardText("Rest and drink water. This is not medical advice.", null), medical))
        .isInstanceOf(GuardrailResult.Pass.class);
    CheckContext free =
        new CheckContext("input", "user", "r", "free", "", List.of(), Map.of(), "", List.of());
    assertThat(g.check(new GuardText("x".repeat(41), null), free))
        .isInstanceOf(GuardrailResult.Reject.class);
    assertThat(
            g.check(new GuardText("x".repeat(41) + " This is not medical advice.", null), medical))
        .isInstanceOf(GuardrailResult.Pass.class);
  }

  @Test
  void a_rules_own_action_wins_and_the_strongest_action_decides() {
    RulesGuardrail g =
        RulesGuardrail.of(
            new GuardCheck.Rules(
                BLOCK,
                List.of(
                    new GuardCheck.BusinessRule(
                        "polite",
                        "text.contains('stupid')",
                        "Be polite.",
                        GuardAction.REPROMPT,
                        "p"),
                    new GuardCheck.BusinessRule(
                        "length", "size(text) > 1000", "Too long.", GuardAction.FLAG, "p")),
                "{}"));
    assertThat(answer(g, "That is a stupid question."))
        .isInstanceOfSatisfying(
            GuardrailResult.Reprompt.class, r -> assertThat(r.reason()).isEqualTo("Be polite."));
    assertThat(answer(g, "y".repeat(1001))).isInstanceOf(GuardrailResult.Flag.class);
  }

  @Test
  void a_condition_that_does_not_compile_is_a_config_problem_naming_the_rule_and_position() {
    String yaml =
        "routes:\n"
            + "  r:\n"
            + "    deployments: [{provider: p, model: m}]\n"
            + "    guardrails:\n"
            + "      output:\n"
            + "        - check: rules\n"
            + "          rules:\n"
            + "            - {name: ok, when: \"size(text) > 10\", message: fine}\n"
            + "            - {name: refund, when: \"jsn.refund > 500\", message: no}\n"
            + "providers:\n  p: {type: openai_compatible, base_url: \"http://127.0.0.1:1/v1\"}\n";
    assertThatThrownBy(() -> ConfigLoader.parse(yaml, Map.of(), "test.yaml"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(String.join("\n", e.problems()))
                    .contains("routes.r.guardrails.output[0].rules[1].when")
                    .contains("rule 'refund'")
                    .contains("line 1, column 1")
                    .contains("jsn"));
  }

  @Test
  void a_condition_that_is_not_a_bool_is_refused_at_compile_time() {
    assertThatThrownBy(() -> RuleLanguage.compile("size(text)"))
        .isInstanceOf(RuleLanguage.CompileException.class);
  }
}
