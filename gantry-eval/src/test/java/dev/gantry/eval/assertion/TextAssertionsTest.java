package dev.gantry.eval.assertion;

import static dev.gantry.eval.assertion.Specs.eval;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextAssertionsTest {

  @Test
  void equals_compares_trimmed_text_exactly() {
    assertThat(eval("{type: equals, value: Paris}", "  Paris\n").passed()).isTrue();
    AssertionResult r = eval("{type: equals, value: Paris}", "paris");
    assertThat(r.passed()).isFalse();
    assertThat(r.score()).isZero();
    assertThat(r.message()).contains("\"paris\"").contains("\"Paris\"");
  }

  @Test
  void equals_with_a_mapping_compares_json_numbers_by_value() {
    assertThat(
            eval("{type: equals, value: {answer: 42, ok: true}}", "{\"ok\":true,\"answer\":42.0}")
                .passed())
        .isTrue();
    assertThat(eval("{type: equals, value: {answer: 42}}", "{\"answer\":41}").passed()).isFalse();
    assertThat(eval("{type: equals, value: {answer: 42}}", "answer: 42").message())
        .contains("not JSON");
  }

  @Test
  void contains_is_case_sensitive_and_icontains_is_not() {
    assertThat(eval("{type: contains, value: Paris}", "It is Paris.").passed()).isTrue();
    assertThat(eval("{type: contains, value: Paris}", "it is paris.").passed()).isFalse();
    assertThat(eval("{type: icontains, value: PARIS}", "it is paris.").passed()).isTrue();
  }

  @Test
  void a_list_needs_all_by_default_and_any_when_asked() {
    String out = "Paris is in France";
    assertThat(eval("{type: contains, value: [Paris, Berlin]}", out).passed()).isFalse();
    assertThat(eval("{type: contains, value: [Paris, Berlin]}", out).message())
        .contains("lacks \"Berlin\"");
    assertThat(eval("{type: contains, value: [Paris, Berlin], mode: any}", out).passed()).isTrue();
    assertThat(eval("{type: contains-any, value: [Rome, Berlin]}", out).passed()).isFalse();
    assertThat(eval("{type: icontains-all, value: [paris, FRANCE]}", out).passed()).isTrue();
    assertThat(eval("{type: contains-all, value: [paris, France]}", out).passed()).isFalse();
  }

  @Test
  void regex_is_found_anywhere() {
    assertThat(eval("{type: regex, value: '\\d{4}-\\d{2}'}", "due 2024-05, then").passed())
        .isTrue();
    assertThat(eval("{type: regex, value: '^\\d+$'}", "12a").passed()).isFalse();
    assertThat(eval("{type: regex, value: '(?i)^hello'}", "HELLO there").message())
        .contains("matched \"HELLO\"");
  }

  @Test
  void starts_with_ignores_leading_whitespace_only() {
    assertThat(eval("{type: starts-with, value: 'Yes'}", "\n  Yes, it is.").passed()).isTrue();
    assertThat(eval("{type: starts-with, value: 'Yes'}", "Well, yes").passed()).isFalse();
  }

  @Test
  void not_prefix_and_negate_flag_invert_pass_and_score() {
    AssertionResult plain = eval("{type: contains, value: sorry}", "I am sorry");
    AssertionResult prefixed = eval("{type: not-contains, value: sorry}", "I am sorry");
    AssertionResult flagged = eval("{type: contains, value: sorry, negate: true}", "I am sorry");
    assertThat(plain.passed()).isTrue();
    assertThat(prefixed.passed()).isFalse();
    assertThat(prefixed.score()).isZero();
    assertThat(prefixed.type()).isEqualTo("not-contains");
    assertThat(prefixed.negated()).isTrue();
    assertThat(flagged.passed()).isFalse();
    assertThat(flagged.type()).isEqualTo("not-contains");
    assertThat(eval("{type: not-icontains, value: sorry}", "Sure, here it is").passed()).isTrue();
  }

  @Test
  void weight_is_carried_into_the_result() {
    assertThat(eval("{type: contains, value: a, weight: 2.5}", "a").weight()).isEqualTo(2.5);
    assertThat(eval("{type: contains, value: a}", "a").weight()).isEqualTo(1.0);
    assertThat(eval("{type: contains, value: a, weight: 0}", "b").weight()).isZero();
  }
}
