package dev.gantry.eval.assertion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AssertionParserTest {

  @Test
  void an_unknown_type_suggests_the_closest_one() {
    assertThatThrownBy(() -> Specs.spec("{type: containz, value: x}"))
        .hasMessageStartingWith(
            "type: unknown assertion type 'containz' (did you mean 'contains'?)");
    assertThatThrownBy(() -> Specs.spec("{value: x}"))
        .hasMessageStartingWith("type: expected a string");
  }

  @Test
  void unknown_fields_and_misplaced_thresholds_are_rejected() {
    assertThatThrownBy(() -> Specs.spec("{type: contains, value: x, vaule: y}"))
        .hasMessageContaining("vaule: unknown field (did you mean 'value'?)");
    assertThatThrownBy(() -> Specs.spec("{type: contains, value: x, threshold: 0.5}"))
        .hasMessageContaining("threshold: unknown field");
  }

  @Test
  void values_are_checked_per_type() {
    assertThatThrownBy(() -> Specs.spec("{type: regex, value: '(unclosed'}"))
        .hasMessageStartingWith("value: not a valid regular expression");
    assertThatThrownBy(() -> Specs.spec("{type: token-f1, value: x, threshold: 1.5}"))
        .hasMessage("threshold: expected a number in 0.0..1.0, got the number 1.5");
    assertThatThrownBy(() -> Specs.spec("{type: latency, value: fast}"))
        .hasMessageStartingWith("value: expected a whole number");
    assertThatThrownBy(() -> Specs.spec("{type: guardrail, value: maybe}"))
        .hasMessageStartingWith("value: expected blocked or allowed");
    assertThatThrownBy(() -> Specs.spec("{type: contains, value: []}"))
        .hasMessageStartingWith("value: expected a string or a non-empty list");
    assertThatThrownBy(() -> Specs.spec("{type: equals}"))
        .hasMessageStartingWith("value: equals needs");
    assertThatThrownBy(() -> Specs.spec("{type: contains, value: x, weight: -1}"))
        .hasMessageStartingWith("weight: expected a number");
    assertThatThrownBy(() -> Specs.spec("{type: is-json, value: 3}"))
        .hasMessageStartingWith("value: expected a JSON schema");
  }

  @Test
  void double_negation_is_refused() {
    assertThatThrownBy(() -> Specs.spec("{type: not-contains, value: x, negate: true}"))
        .hasMessageContaining("already negated");
  }

  @Test
  void aliases_resolve_to_canonical_labels() {
    assertThat(AssertionParser.label("hit@k")).isEqualTo("hit-at-k");
    assertThat(AssertionParser.label("not-retrieval-mrr")).isEqualTo("not-mrr");
    assertThat(AssertionParser.label("nope")).isNull();
    assertThat(Specs.spec("{type: icontains-any, value: [a, b]}").label())
        .isEqualTo("icontains-any");
  }
}
