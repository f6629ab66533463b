package dev.gantry.core.config;

import static dev.gantry.core.config.ConfigValidationTest.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuardrailsConfigTest {
  static String route(String guardrails) {
    return "providers:\n  p: {type: openai_compatible, base_url: \"http://h\"}\n"
        + "routes:\n  m:\n    deployments: [{provider: p, model: m}]\n    guardrails:\n"
        + guardrails;
  }

  static GuardrailsConfig parse(String guardrails) throws ConfigException {
    return ConfigLoader.parse(route(guardrails), Map.of(), "g.yaml").routes().get("m").guardrails();
  }

  @Test
  void a_full_policy_is_read_with_defaults_filled_in() throws Exception {
    GuardrailsConfig g =
        parse(
            "      refusal_message: No.\n"
                + "      input:\n"
                + "        - {check: injection, threshold: 0.7, roles: [user, tool], on_error:"
                + " closed, timeout: 50ms}\n"
                + "        - {check: pii, action: redact, types: [email], restore: true}\n"
                + "        - check: topic\n"
                + "          denied: [{name: politics, examples: [\"Who should I vote for?\"]}]\n"
                + "      output:\n"
                + "        - check: json\n"
                + "          action: reprompt\n"
                + "          schema: {type: object, required: [a]}\n"
                + "        - {check: canary}\n");
    assertThat(g.refusalMessage()).isEqualTo("No.");
    GuardCheck.Injection inj = (GuardCheck.Injection) g.input().get(0);
    assertThat(inj.settings())
        .isEqualTo(new GuardCheck.Settings(GuardAction.BLOCK, 0.7, Duration.ofMillis(50), true));
    assertThat(inj.roles()).containsExactlyInAnyOrder("user", "tool");
    GuardCheck.Pii pii = (GuardCheck.Pii) g.input().get(1);
    assertThat(pii.settings().action()).isEqualTo(GuardAction.REDACT);
    assertThat(pii.types()).containsExactly("EMAIL");
    assertThat(pii.restore()).isTrue();
    assertThat(((GuardCheck.Topic) g.input().get(2)).denied().get(0).name()).isEqualTo("politics");
    GuardCheck.Json json = (GuardCheck.Json) g.output().get(0);
    assertThat(json.settings().action()).isEqualTo(GuardAction.REPROMPT);
    assertThat(json.schemaJson()).isEqualTo("{\"type\":\"object\",\"required\":[\"a\"]}");
    assertThat(g.output().get(1)).isInstanceOf(GuardCheck.Canary.class);
    assertThat(g.streamWindowChars()).isEqualTo(200);
  }

  @Test
  void a_route_without_guardrails_has_none() throws Exception {
    assertThat(
            ConfigLoader.parse(
                    "providers:\n  p: {type: openai_compatible, base_url: \"http://h\"}\n"
                        + "routes:\n  m: {deployments: [{provider: p, model: m}]}\n",
                    Map.of(),
                    "g.yaml")
                .routes()
                .get("m")
                .guardrails())
        .isEqualTo(GuardrailsConfig.NONE);
  }

  @Test
  void an_output_check_on_the_input_is_refused_with_the_allowed_list() {
    assertThat(problems(route("      input: [{check: json}]\n")))
        .containsExactly(
            "routes.m.guardrails.input[0].check: 'json' is not an input check; allowed"
                + " injection, pii, topic, safety, rules, nemo, guardrails_ai, webhook");
  }

  @Test
  void an_action_the_check_cannot_take_is_refused() {
    assertThat(problems(route("      input: [{check: injection, action: redact}]\n")))
        .containsExactly(
            "routes.m.guardrails.input[0].action: 'redact' is not allowed for injection; allowed"
                + " block, flag");
  }

  @Test
  void threshold_out_of_range_names_the_range() {
    assertThat(problems(route("      input: [{check: injection, threshold: 1.5}]\n")))
        .containsExactly(
            "routes.m.guardrails.input[0].threshold: 1.5 is out of range; allowed 0.0..1.0");
  }

  @Test
  void unknown_pii_type_is_refused_with_a_suggestion() {
    assertThat(problems(route("      input: [{check: pii, types: [emial]}]\n")))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .startsWith("routes.m.guardrails.input[0].types[0]: 'emial' is not a PII type")
                    .endsWith("did you mean 'EMAIL'?"));
  }

  @Test
  void a_topic_check_without_topics_is_refused() {
    assertThat(problems(route("      input: [{check: topic}]\n")))
        .containsExactly(
            "routes.m.guardrails.input[0]: a topic check needs at least one allowed or denied"
                + " topic");
  }

  @Test
  void the_same_check_twice_is_refused() {
    assertThat(problems(route("      input: [{check: pii}, {check: pii}]\n")))
        .containsExactly("routes.m.guardrails.input[1].check: 'pii' is listed twice");
  }

  @Test
  void on_error_must_be_open_or_closed() {
    assertThat(problems(route("      output: [{check: canary, on_error: maybe}]\n")))
        .containsExactly(
            "routes.m.guardrails.output[0].on_error: 'maybe' is not allowed; allowed open, closed");
  }

  @Test
  void a_safety_check_reads_per_category_thresholds_and_categories_turned_off() throws Exception {
    GuardrailsConfig g =
        parse(
            "      input: [{check: safety, action: flag, threshold: 0.6,"
                + " categories: {hate: 0.3, sexual: off}}]\n"
                + "      output: [{check: safety}]\n");
    GuardCheck.Safety in = (GuardCheck.Safety) g.input().get(0);
    assertThat(in.settings().action()).isEqualTo(GuardAction.FLAG);
    assertThat(in.settings().threshold()).isEqualTo(0.6);
    assertThat(in.thresholds()).containsExactly(Map.entry("hate", 0.3));
    assertThat(in.off()).containsExactly("sexual");
    GuardCheck.Safety out = (GuardCheck.Safety) g.output().get(0);
    assertThat(out.settings().action()).isEqualTo(GuardAction.BLOCK);
    assertThat(out.thresholds()).isEmpty();
  }

  @Test
  void a_safety_category_that_does_not_exist_is_refused_with_a_suggestion() {
    assertThat(problems(route("      output: [{check: safety, categories: {violnce: 0.4}}]\n")))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .startsWith(
                        "routes.m.guardrails.output[0].categories.violnce: 'violnce' is not a"
                            + " safety category; allowed hate, harassment")
                    .endsWith("did you mean 'violence'?"));
  }

  @Test
  void a_safety_category_threshold_out_of_range_names_the_category_and_range() {
    assertThat(problems(route("      input: [{check: safety, categories: {self-harm: 2}}]\n")))
        .containsExactly(
            "routes.m.guardrails.input[0].categories.self-harm: 2 is out of range; allowed"
                + " 0.0..1.0");
  }

  @Test
  void a_safety_check_cannot_redact() {
    assertThat(problems(route("      output: [{check: safety, action: redact}]\n")))
        .containsExactly(
            "routes.m.guardrails.output[0].action: 'redact' is not allowed for safety; allowed"
                + " block, flag");
  }
}
