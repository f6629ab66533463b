package dev.gantry.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {
  static final String KEY = "sk-live-7f3a9c";
  static final String TOKEN = "tok-9911";

  @Test
  void api_key_with_whitespace_is_rejected_without_echoing_it() {
    List<String> problems =
        ConfigValidationTest.problems(
            """
            providers:
              a: {type: openai, base_url: "https://h", api_key: "${KEY}"}
              b: {type: openai, base_url: "https://h", api_key: "sk-live-7f3a9c "}
            routes:
              m: {deployments: [{provider: a, model: m}, {provider: b, model: m}]}
            """,
            Map.of("KEY", KEY + "\n"));

    assertThat(problems)
        .containsExactly(
            "providers.a.api_key: contains whitespace or control characters (value not shown)",
            "providers.b.api_key: contains whitespace or control characters (value not shown)");
  }

  @Test
  void header_value_from_the_environment_is_masked_in_messages() {
    List<String> problems =
        ConfigValidationTest.problems(
            """
            providers:
              a:
                type: openai_compatible
                base_url: http://h
                headers: {X-Token: "${TOKEN}", X-Plain: "a\\u0001b"}
            routes:
              m: {deployments: [{provider: a, model: m}]}
            """,
            Map.of("TOKEN", TOKEN + "\r\nX-Evil: 1"));

    assertThat(problems)
        .containsExactly(
            "providers.a.headers.X-Token: '****' is not a valid header value; it has control"
                + " characters",
            "providers.a.headers.X-Plain: 'a?b' is not a valid header value; it has control"
                + " characters");
    assertThat(String.join("\n", problems)).doesNotContain(TOKEN);
  }

  @Test
  void secrets_do_not_appear_when_other_settings_are_invalid() {
    List<String> problems =
        ConfigValidationTest.problems(
            """
            server: {port: 99999}
            providers:
              a:
                type: openai
                base_url: https://h
                api_key: ${KEY}
                api_version: x
                headers: {X-Token: "${TOKEN}"}
                http2: maybe
            routes:
              m: {deployments: [{provider: a, model: m, weight: -1}]}
            """,
            Map.of("KEY", KEY, "TOKEN", TOKEN));

    assertThat(problems).hasSize(4);
    assertThat(String.join("\n", problems)).doesNotContain(KEY).doesNotContain(TOKEN);
  }

  @Test
  void syntax_error_on_a_line_holding_a_key_does_not_echo_the_line() {
    List<String> problems =
        ConfigValidationTest.problems(
            "providers:\n  a: {type: openai, api_key: \"" + KEY + "\n", Map.of());

    assertThat(problems).singleElement().asString().doesNotContain(KEY).contains("line ");
  }

  @Test
  void records_and_summary_never_show_keys_or_header_values() throws Exception {
    GantryConfig c =
        ConfigLoader.parse(
            """
            providers:
              a:
                type: openai
                base_url: https://h
                api_key: ${KEY}
                headers: {X-Token: "${TOKEN}"}
            routes:
              m: {deployments: [{provider: a, model: m}]}
            """,
            Map.of("KEY", KEY, "TOKEN", TOKEN),
            "t");

    assertThat(c.providers().get("a").apiKey().reveal()).isEqualTo(KEY);
    assertThat(c.toString()).doesNotContain(KEY).doesNotContain(TOKEN);
    assertThat(ConfigSummary.describe(c)).doesNotContain(KEY).doesNotContain(TOKEN);
  }
}
