package dev.gantry.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioTest {
  static final String FULL =
      """
      seed: 42
      models: [gpt-4o-mini, claude-3-5-haiku]
      latency:
        ttft: {dist: fixed, ms: 200}
        inter_token: {dist: uniform, min_ms: 5, max_ms: 15}
      chunk_tokens: 1
      rate_limit: {rpm: 600}
      faults:
        - {type: status, status: 503, rate: 0.1, models: [flaky-model]}
        - {type: status, status: 429, retry_after: 2, rate: 0.05}
        - {type: hang, rate: 0.01}
        - {type: reset, after_chunks: 3, rate: 0.02}
        - {type: malformed, rate: 0.01}
        - {type: status, status: 500, first: 2}
      rules:
        - match: {contains: "weather"}
          tool_call: {name: get_weather, arguments: {city: "Paris"}}
        - match: {regex: "(?i)json"}
          json: {answer: 42, ok: true}
        - match: {contains: "hi"}
          reply: "Hello! How can I help?"
      default_reply: "This is a simulated reply."
      auth: {openai_key: sk-test, anthropic_key: ak-test}
      """;

  @Test
  void parses_the_reference_scenario() {
    Scenario s = Scenario.parse(FULL);

    assertThat(s.seed()).hasValue(42);
    assertThat(s.models()).containsExactly("gpt-4o-mini", "claude-3-5-haiku", "flaky-model");
    assertThat(s.latency().interToken()).isEqualTo(new Delay.Uniform(5, 15));
    assertThat(s.rpm()).isEqualTo(600);
    assertThat(s.faults()).hasSize(6);
    assertThat(s.faults().get(5).rate()).isEqualTo(1.0);
    assertThat(s.faults().get(5).first()).isEqualTo(2);
    assertThat(s.faults().get(1).retryAfterSeconds()).isEqualTo(2);
    assertThat(s.rules()).hasSize(3);
    assertThat(s.rules().get(0).reply())
        .isEqualTo(new Reply.ToolCall("get_weather", "{\"city\":\"Paris\"}"));
    assertThat(s.rules().get(1).reply()).isEqualTo(new Reply.Text("{\"answer\":42,\"ok\":true}"));
    assertThat(s.openAiKey()).isEqualTo("sk-test");
    assertThat(s.anthropicKey()).isEqualTo("ak-test");
    assertThat(s.isInstant()).isFalse();
  }

  @Test
  void an_empty_document_is_the_instant_scenario() {
    assertThat(Scenario.parse("")).isSameAs(Scenario.instant());
    assertThat(Scenario.instant().isInstant()).isTrue();
  }

  @Test
  void a_wrongly_typed_reply_names_its_path() {
    String yaml =
        """
        rules:
          - {match: {contains: a}, reply: "x"}
          - {match: {contains: b}, reply: "y"}
          - {match: {contains: c}, reply: 42}
        """;

    assertThatThrownBy(() -> Scenario.parse(yaml))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("rules[2].reply: expected a string");
  }

  @Test
  void an_unknown_key_is_rejected_with_the_allowed_ones() {
    assertThatThrownBy(() -> Scenario.parse("rules: [{match: {contain: x}, reply: y}]"))
        .hasMessageContaining("rules[0].match.contain: unknown key")
        .hasMessageContaining("contains, model, regex");
  }

  @Test
  void out_of_range_values_name_path_value_and_range() {
    assertThatThrownBy(() -> Scenario.parse("faults: [{type: status, status: 503, rate: 1.5}]"))
        .hasMessageContaining("faults[0].rate")
        .hasMessageContaining("1.5")
        .hasMessageContaining("0.0..1.0");
    assertThatThrownBy(() -> Scenario.parse("faults: [{type: explode, rate: 1}]"))
        .hasMessageContaining("faults[0].type: unknown fault type \"explode\"");
    assertThatThrownBy(() -> Scenario.parse("faults: [{type: status, rate: 1}]"))
        .hasMessageContaining("faults[0].status: required");
    assertThatThrownBy(() -> Scenario.parse("latency: {ttft: {dist: gamma}}"))
        .hasMessageContaining("latency.ttft.dist: unknown distribution");
    assertThatThrownBy(() -> Scenario.parse("rules: [{match: {regex: \"(\"}, reply: x}]"))
        .hasMessageContaining("rules[0].match.regex: invalid regular expression");
    assertThatThrownBy(() -> Scenario.parse("rules: [{match: {contains: x}}]"))
        .hasMessageContaining("rules[0]: a rule needs exactly one of reply, json, tool_call");
  }

  @Test
  void broken_yaml_is_an_illegal_argument() {
    assertThatThrownBy(() -> Scenario.parse("rules: [unclosed"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid YAML");
  }

  @Test
  void load_prefixes_errors_with_the_file(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "chunk_tokens: zero\n");

    assertThatThrownBy(() -> Scenario.load(file))
        .hasMessageContaining("bad.yaml: chunk_tokens: expected a whole number");
    Path good = dir.resolve("good.yaml");
    Files.writeString(good, FULL);
    assertThat(Scenario.load(good).rules()).hasSize(3);
  }

  @Test
  void cli_seed_overrides_the_scenario_seed() {
    Scenario scenario = Scenario.parse("seed: 42");

    assertThat(SimulatorOptions.defaults().effectiveSeed(scenario)).isEqualTo(42);
    assertThat(SimulatorOptions.defaults().withSeed(7).effectiveSeed(scenario)).isEqualTo(7);
    assertThat(SimulatorOptions.defaults().effectiveSeed(Scenario.instant())).isZero();
  }
}
