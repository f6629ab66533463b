package dev.gantry.eval.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
  @Test
  void substitutes_names_with_optional_spaces_and_leaves_other_braces() {
    assertThat(
            Template.render("{{a}} and {{ b }} and {c} and $1", Map.of("a", "x", "b", "$y\\"), "p"))
        .isEqualTo("x and $y\\ and {c} and $1");
  }

  @Test
  void an_unknown_name_lists_the_known_ones() {
    assertThatThrownBy(
            () ->
                Template.render(
                    "{{cty}}", Map.of("city", "Paris", "country", "FR"), "cases[0].prompt"))
        .hasMessage("cases[0].prompt: unknown variable {{cty}}; the case has vars: city, country");
  }
}
