package dev.gantry.core.config;

import static dev.gantry.core.config.ConfigValidationTest.problems;
import static dev.gantry.core.config.GuardrailsConfigTest.parse;
import static dev.gantry.core.config.GuardrailsConfigTest.route;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Configuration of grounding, business rules and external guardrail servers. */
class PolicyChecksConfigTest {
  @Test
  void grounding_rules_and_external_checks_are_read_with_their_options() throws Exception {
    GuardrailsConfig g =
        parse(
            "      input:\n"
                + "        - {check: webhook, url: \"https://hooks.example.com/check/\","
                + " timeout: 2s, on_error: closed}\n"
                + "      output:\n"
                + "        - {check: grounding, action: reprompt, citations: false}\n"
                + "        - check: rules\n"
                + "          data: {limit: 500}\n"
                + "          rules:\n"
                + "            - {name: r1, when: \"size(text) > data.limit\", message: m,"
                + " action: flag}\n"
                + "        - {check: nemo, url: \"http://nemo:8000\", config_id: rails,"
                + " api_key: secret-value}\n"
                + "        - {check: guardrails_ai, url: \"http://gai:8000\", guard: pii}\n");
    GuardCheck.External hook = (GuardCheck.External) g.input().get(0);
    assertThat(hook.url().toString()).isEqualTo("https://hooks.example.com/check");
    assertThat(hook.settings().failClosed()).isTrue();
    GuardCheck.Grounding grounding = (GuardCheck.Grounding) g.output().get(0);
    assertThat(grounding.settings().action()).isEqualTo(GuardAction.REPROMPT);
    assertThat(grounding.citations()).isFalse();
    GuardCheck.Rules rules = (GuardCheck.Rules) g.output().get(1);
    assertThat(rules.rules().get(0).action()).isEqualTo(GuardAction.FLAG);
    assertThat(rules.rules().get(0).path()).isEqualTo("routes.m.guardrails.output[1].rules[0]");
    assertThat(rules.dataJson()).isEqualTo("{\"limit\":500}");
    GuardCheck.External nemo = (GuardCheck.External) g.output().get(2);
    assertThat(nemo.target()).isEqualTo("rails");
    assertThat(nemo.apiKey().reveal()).isEqualTo("secret-value");
    assertThat(nemo.apiKey().toString()).doesNotContain("secret");
    assertThat(((GuardCheck.External) g.output().get(3)).target()).isEqualTo("pii");
  }

  @Test
  void a_grounding_check_on_the_input_and_a_redaction_are_refused() {
    assertThat(problems(route("      input: [{check: grounding}]\n")))
        .singleElement()
        .asString()
        .contains("'grounding' is not an input check");
    assertThat(problems(route("      output: [{check: grounding, action: redact}]\n")))
        .containsExactly(
            "routes.m.guardrails.output[0].action: 'redact' is not allowed for grounding;"
                + " allowed block, flag, reprompt");
  }

  @Test
  void a_rule_without_a_condition_and_a_reprompt_on_the_input_name_their_paths() {
    assertThat(
            problems(
                route(
                    "      input:\n"
                        + "        - check: rules\n"
                        + "          rules:\n"
                        + "            - {name: a, message: m}\n"
                        + "            - {name: b, when: \"true\", message: m, action: reprompt}\n")))
        .anySatisfy(p -> assertThat(p).startsWith("routes.m.guardrails.input[0].rules[0].when"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("routes.m.guardrails.input[0].rules[1].action")
                    .contains("allowed block, flag"));
    assertThat(problems(route("      output: [{check: rules}]\n")))
        .singleElement()
        .asString()
        .startsWith("routes.m.guardrails.output[0].rules: required");
  }

  @Test
  void external_checks_need_a_url_and_their_target() throws Exception {
    assertThat(problems(route("      input: [{check: nemo, url: \"http://nemo\"}]\n")))
        .singleElement()
        .asString()
        .startsWith("routes.m.guardrails.input[0].config_id");
    assertThat(problems(route("      input: [{check: webhook, url: \"ftp://x\"}]\n")))
        .singleElement()
        .asString()
        .startsWith("routes.m.guardrails.input[0].url");
    assertThat(
            parse("      output: [{check: guardrails_ai, url: \"http://g\", guard: x}]\n").output())
        .hasSize(1);
  }
}
