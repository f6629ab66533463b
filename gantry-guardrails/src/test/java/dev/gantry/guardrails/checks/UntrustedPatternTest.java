package dev.gantry.guardrails.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import dev.gantry.core.config.GuardAction;
import dev.gantry.guardrails.GuardrailResult;
import dev.gantry.guardrails.OutputText;
import dev.gantry.guardrails.WorkBudget;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Patterns in JSON Schemas from clients run in linear time, within a budget, or not at all. */
class UntrustedPatternTest {
  static final String BACKTRACKING = "^((.+)\\\\2?)+#$";

  static JsonNode format(String schema) {
    return Json.tryParse(
        ("{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":" + schema + "}}")
            .getBytes(StandardCharsets.UTF_8));
  }

  static String stringWithPattern(String pattern) {
    return "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\",\"pattern\":\""
        + pattern
        + "\"}}}";
  }

  @Test
  void a_backtracking_pattern_is_refused_at_once_without_the_engines_message() {
    JsonFormatGuardrail guard = new JsonFormatGuardrail(GuardAction.BLOCK, null);
    JsonNode format = format(stringWithPattern(BACKTRACKING));
    String answer = "{\"a\":\"" + "a".repeat(40) + "\"}";
    GuardrailResult r =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20), () -> guard.check(new OutputText(answer, true, format, null)));
    assertThat(r).isInstanceOf(GuardrailResult.Reject.class);
    String reason = ((GuardrailResult.Reject) r).reason();
    assertThat(reason)
        .contains("backreferences")
        .doesNotContain("PatternSyntaxException")
        .doesNotContain("error parsing regexp");
    assertThat(JsonFormatGuardrail.unusable(format)).contains("backreferences");
  }

  @Test
  void patterns_in_pattern_properties_and_nested_schemas_are_checked_but_data_is_not() {
    assertThat(
            JsonFormatGuardrail.unusable(
                format("{\"patternProperties\":{\"(?=x)\":{}},\"const\":{\"pattern\":\"(?=x)\"}}")))
        .isNotNull();
    assertThat(
            JsonFormatGuardrail.unusable(
                format(
                    "{\"$defs\":{\"d\":{\"items\":[{\"pattern\":\"(a)\\\\1\"}]}},"
                        + "\"properties\":{\"enum\":{\"type\":\"string\"}}}")))
        .isNotNull();
    assertThat(
            JsonFormatGuardrail.unusable(
                format(
                    "{\"properties\":{\"pattern\":{\"type\":\"string\"}},"
                        + "\"examples\":[{\"pattern\":\"(?=x)\"}],\"default\":{\"pattern\":\"(\"}}")))
        .isNull();
  }

  @Test
  void ordinary_patterns_still_validate_answers() {
    JsonFormatGuardrail guard = new JsonFormatGuardrail(GuardAction.BLOCK, null);
    JsonNode format = format(stringWithPattern("^[0-9]{3}-\\\\p{Lu}+$"));
    assertThat(JsonFormatGuardrail.unusable(format)).isNull();
    assertThat(guard.check(new OutputText("{\"a\":\"123-ABC\"}", true, format, null)))
        .isInstanceOf(GuardrailResult.Pass.class);
    assertThat(guard.check(new OutputText("{\"a\":\"12-abc\"}", true, format, null)))
        .isInstanceOf(GuardrailResult.Reject.class);
  }

  @Test
  void long_patterns_and_repetition_bombs_are_refused_before_compiling() {
    assertThatThrownBy(() -> Re2jRegularExpressionFactory.compile("a".repeat(1_001)))
        .isInstanceOf(Re2jRegularExpressionFactory.Unsupported.class)
        .hasMessageContaining("1001 characters");
    for (String bomb :
        new String[] {
          "((a{1000}){1000}){1000}",
          "(?:(?:a{100}){100}){100}",
          "(?P<x>(?i)(a{999}){999})",
          "([ab]{1,1000}|c){0,1000}"
        }) {
      assertTimeoutPreemptively(
          Duration.ofSeconds(5),
          () ->
              assertThatThrownBy(() -> Re2jRegularExpressionFactory.compile(bomb))
                  .as(bomb)
                  .isInstanceOf(Re2jRegularExpressionFactory.Unsupported.class)
                  .hasMessageContaining("repeats too much"));
    }
    assertThat(PatternSize.of("(a{100}){100}")).isGreaterThanOrEqualTo(10_000);
    assertThat(PatternSize.of("\\d{3}-\\d{4}")).isLessThan(20);
  }

  @Test
  void matching_stops_when_the_work_budget_is_spent() {
    var regex = Re2jRegularExpressionFactory.INSTANCE.getRegularExpression("(x+x+)+y");
    String text = "x".repeat(2_000_000);
    assertThatThrownBy(() -> WorkBudget.run(0, () -> regex.matches(text)))
        .isInstanceOf(WorkBudget.Exceeded.class);
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> regex.matches(text)).isInstanceOf(WorkBudget.Exceeded.class);
    } finally {
      Thread.interrupted();
    }
    assertThat(regex.matches("xxy")).isTrue();
  }
}
