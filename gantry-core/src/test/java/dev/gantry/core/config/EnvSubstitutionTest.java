package dev.gantry.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvSubstitutionTest {
  static final Map<String, String> ENV = Map.of("HOST", "example.com", "EMPTY", "", "N", "8");
  final Problems problems = new Problems();

  Text sub(String raw) {
    return EnvSubstitution.substitute(raw, ENV, "a.b", false, problems);
  }

  @Test
  void text_without_references_is_unchanged_and_not_marked_from_env() {
    assertThat(sub("plain $ text $HOST")).isEqualTo(new Text("plain $ text $HOST", false));
    assertThat(problems.isEmpty()).isTrue();
  }

  @Test
  void references_are_replaced_anywhere_in_the_value() {
    assertThat(sub("https://${HOST}:${N}443/v1"))
        .isEqualTo(new Text("https://example.com:8443/v1", true));
  }

  @Test
  void default_applies_when_the_variable_is_unset_or_empty() {
    assertThat(sub("${MISSING:-fallback}").value()).isEqualTo("fallback");
    assertThat(sub("${EMPTY:-fallback}").value()).isEqualTo("fallback");
    assertThat(sub("${HOST:-fallback}").value()).isEqualTo("example.com");
    assertThat(sub("${MISSING:-}").value()).isEmpty();
  }

  @Test
  void a_set_but_empty_variable_without_default_is_empty() {
    assertThat(sub("${EMPTY}").value()).isEmpty();
    assertThat(problems.isEmpty()).isTrue();
  }

  @Test
  void unset_variable_is_reported_with_path_and_name() {
    assertThat(sub("${OPENAI_API_KEY}")).isNull();
    assertThat(problems.lines())
        .containsExactly("a.b: environment variable OPENAI_API_KEY is not set");
  }

  @Test
  void every_unset_variable_in_one_value_is_reported() {
    assertThat(sub("${A}-${B}")).isNull();
    assertThat(problems.lines())
        .containsExactly(
            "a.b: environment variable A is not set", "a.b: environment variable B is not set");
  }

  @Test
  void double_dollar_escapes_a_literal_reference() {
    assertThat(sub("$${HOST} and ${HOST}").value()).isEqualTo("${HOST} and example.com");
    assertThat(sub("$${NOT_SET}").value()).isEqualTo("${NOT_SET}");
    assertThat(problems.isEmpty()).isTrue();
  }

  @Test
  void substituted_text_is_not_substituted_again() {
    Text t = EnvSubstitution.substitute("${X}", Map.of("X", "${HOST}"), "a", false, problems);
    assertThat(t.value()).isEqualTo("${HOST}");
  }

  @Test
  void unterminated_and_malformed_references_are_reported() {
    assertThat(sub("abc${HOST")).isNull();
    assertThat(sub("${1BAD}")).isNull();
    assertThat(problems.lines())
        .containsExactly(
            "a.b: unterminated '${' at character 4; close it with '}' or write '$${' for a"
                + " literal '${'",
            "a.b: '1BAD' is not a valid environment variable name at character 1; use ${NAME} or"
                + " ${NAME:-default} with letters, digits and '_'");
  }

  @Test
  void malformed_reference_at_a_sensitive_path_does_not_echo_the_text() {
    EnvSubstitution.substitute("${sk-secret}", ENV, "k", true, problems);
    assertThat(problems.lines().get(0)).doesNotContain("sk-secret").contains("invalid");
  }

  @Test
  void substitution_happens_after_parsing_so_values_cannot_inject_yaml() throws Exception {
    GantryConfig c =
        ConfigLoader.parse(
            """
            providers:
              local: {type: openai_compatible, base_url: "http://h", headers: {X-A: "${V}"}}
            routes:
              m: {deployments: [{provider: local, model: m}]}
            """,
            Map.of("V", "a}, X-B: {b: c"),
            "t");

    assertThat(c.providers().get("local").headers()).isEqualTo(Map.of("X-A", "a}, X-B: {b: c"));
  }
}
