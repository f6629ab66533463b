package dev.gantry.eval.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.eval.suite.SuiteLoader.Format;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteLoaderTest {
  private static final String FULL =
      "name: support-bot\n"
          + "description: Answers about the product.\n"
          + "target: {url: 'http://127.0.0.1:8080', model: gpt-4o-mini, key_env: GANTRY_KEY}\n"
          + "concurrency: 8\n"
          + "timeout_ms: 5000\n"
          + "retries: 1\n"
          + "defaults:\n"
          + "  temperature: 0\n"
          + "  system: 'You answer about {{product}}.'\n"
          + "  vars: {product: Gantry}\n"
          + "  tags: [smoke]\n"
          + "  assert:\n"
          + "    - {type: latency, value: 2000, weight: 0}\n"
          + "thresholds:\n"
          + "  pass_rate: 0.9\n"
          + "  mean_score: {token-f1: 0.6, hit@k: 0.8}\n"
          + "  p95_latency_ms: 1500\n"
          + "  total_cost_usd: 0.50\n"
          + "judge: {model: gpt-4o, scale: [1, 10], threshold: 0.7}\n"
          + "cases:\n"
          + "  - id: capital\n"
          + "    prompt: 'What is the capital of {{country}}?'\n"
          + "    vars: {country: France}\n"
          + "    tags: [geo]\n"
          + "    threshold: 0.5\n"
          + "    assert:\n"
          + "      - {type: icontains, value: '{{answer}}'}\n"
          + "      - {type: token-f1, value: Paris, weight: 2}\n"
          + "    vars: {country: France, answer: paris}\n"
          + "  - messages:\n"
          + "      - {role: system, content: Be brief.}\n"
          + "      - {role: user, content: 'Reset my password'}\n"
          + "    model: other-model\n"
          + "    max_tokens: 50\n"
          + "    expected_sources: [doc-0001.md]\n"
          + "    response_format: {type: json_schema, json_schema: {name: a, schema: {type: object}}}\n"
          + "    assert:\n"
          + "      - {type: hit-at-k, k: 3}\n"
          + "      - {type: json-schema}\n";

  private static Suite parse(String yaml) throws SuiteException {
    return SuiteLoader.parse(yaml, Format.YAML, "suite.yaml", null);
  }

  @Test
  void reads_every_suite_field_and_merges_defaults_into_cases() throws Exception {
    Suite s =
        SuiteLoader.parse(
            FULL.replace("    vars: {country: France}\n", ""), Format.YAML, "suite.yaml", null);
    assertThat(s.name()).isEqualTo("support-bot");
    assertThat(s.target())
        .isEqualTo(new Target("http://127.0.0.1:8080", "gpt-4o-mini", "GANTRY_KEY"));
    assertThat(s.defaultModel()).isEqualTo("gpt-4o-mini");
    assertThat(s.concurrency()).isEqualTo(8);
    assertThat(s.timeoutMs()).isEqualTo(5000);
    assertThat(s.retries()).isEqualTo(1);
    assertThat(s.thresholds().passRate()).isEqualTo(0.9);
    assertThat(s.thresholds().meanScore())
        .containsEntry("token-f1", 0.6)
        .containsEntry("hit-at-k", 0.8);
    assertThat(s.thresholds().p95LatencyMs()).isEqualTo(1500);
    assertThat(s.thresholds().totalCostUsd()).isEqualByComparingTo(new BigDecimal("0.5"));
    assertThat(s.judge().model()).isEqualTo("gpt-4o");
    assertThat(s.judge().scaleMax()).isEqualTo(10);

    EvalCase capital = s.cases().get(0);
    assertThat(capital.id()).isEqualTo("capital");
    assertThat(capital.tags()).containsExactly("smoke", "geo");
    assertThat(capital.threshold()).isEqualTo(0.5);
    ObjectNode request = capital.request("gpt-4o-mini");
    assertThat(request.path("temperature").asDouble()).isZero();
    assertThat(request.path("messages").get(0).path("content").asText())
        .isEqualTo("You answer about Gantry.");
    assertThat(request.path("messages").get(1).path("content").asText())
        .isEqualTo("What is the capital of France?");
    assertThat(capital.assertions())
        .extracting(a -> a.label())
        .containsExactly("latency", "icontains", "token-f1");
    assertThat(capital.assertions().get(0).weight()).isZero();
    assertThat(capital.input()).isEqualTo("What is the capital of France?");

    EvalCase second = s.cases().get(1);
    assertThat(second.id()).isEqualTo("case-2");
    assertThat(second.model()).isEqualTo("other-model");
    assertThat(second.request("x").path("max_tokens").asInt()).isEqualTo(50);
    assertThat(second.request("x").path("response_format").path("type").asText())
        .isEqualTo("json_schema");
    assertThat(second.messages()).hasSize(2);
    assertThat(second.messages().get(0).path("content").asText()).isEqualTo("Be brief.");
    assertThat(second.expectedSources()).containsExactly("doc-0001.md");
  }

  @Test
  void duplicate_yaml_keys_are_an_error() {
    assertThatThrownBy(() -> parse(FULL))
        .isInstanceOf(SuiteException.class)
        .hasMessageContaining("vars");
  }

  @Test
  void every_problem_is_reported_naming_the_case_and_field() {
    String yaml =
        "target: {url: 'ftp://x'}\n"
            + "concurrency: 0\n"
            + "cases:\n"
            + "  - id: one\n"
            + "    prompt: 'Hello {{name}}'\n"
            + "    assert: [{type: containz, value: x}]\n"
            + "  - id: two\n"
            + "    prompt: hi\n"
            + "    temprature: 0.2\n"
            + "  - id: three\n"
            + "    prompt: hi\n"
            + "    assert: [{type: token-f1, value: x, threshold: 2}]\n"
            + "  - id: four\n"
            + "  - id: one\n"
            + "    prompt: again\n";
    SuiteException e = (SuiteException) catchThrowable(() -> parse(yaml));
    assertThat(e.problems())
        .anySatisfy(
            p -> assertThat(p).startsWith("target.url: expected an http:// or https:// URL"))
        .anySatisfy(p -> assertThat(p).startsWith("concurrency: expected a whole number in 1..256"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .isEqualTo(
                        "cases[0] (id \"one\").prompt: unknown variable {{name}}; the case has no vars"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "cases[1] (id \"two\").temprature: unknown field (did you mean 'temperature'?)"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .isEqualTo(
                        "cases[2] (id \"three\").assert[0].threshold: expected a number in 0.0..1.0, got the number 2"))
        .anySatisfy(
            p -> assertThat(p).startsWith("cases[3] (id \"four\"): needs messages or a prompt"))
        .anySatisfy(p -> assertThat(p).isEqualTo("cases[4] (id \"one\").id: duplicate case id"));
    assertThat(e.getMessage()).startsWith("suite.yaml: ");
  }

  @Test
  void an_assertion_problem_names_the_case_and_the_assertion() {
    String yaml =
        "cases:\n  - id: a\n    prompt: hi\n    assert: [{type: contains, value: x}, {type: containz, value: y}]\n";
    assertThatThrownBy(() -> parse(yaml))
        .hasMessageContaining(
            "cases[0] (id \"a\").assert[1].type: unknown assertion type 'containz'");
  }

  @Test
  void syntax_errors_name_the_line() {
    assertThatThrownBy(() -> parse("cases:\n  - id: [unclosed\n"))
        .isInstanceOf(SuiteException.class)
        .hasMessageContaining("not valid YAML at line");
    assertThatThrownBy(() -> parse("description: nothing else\n"))
        .hasMessageContaining("cases: the suite has no cases");
  }

  @Test
  void unknown_mean_score_types_are_rejected() {
    assertThatThrownBy(
            () -> parse("thresholds: {mean_score: {tokenf1: 0.5}}\ncases: [{prompt: hi}]\n"))
        .hasMessageContaining("thresholds.mean_score.tokenf1: unknown assertion type");
  }

  @Test
  void jsonl_cases_report_their_line() throws Exception {
    String jsonl =
        "{\"id\":\"a\",\"prompt\":\"hi\",\"assert\":[{\"type\":\"contains\",\"value\":\"hello\"}]}\n"
            + "\n# a comment\n"
            + "{\"id\":\"b\",\"messages\":[{\"role\":\"user\",\"content\":\"yo\"}]}\n";
    Suite s = SuiteLoader.parse(jsonl, Format.JSONL, "cases.jsonl", null);
    assertThat(s.cases()).extracting(EvalCase::id).containsExactly("a", "b");
    assertThat(s.thresholdsGiven()).isFalse();
    assertThat(s.thresholds().passRate()).isEqualTo(1.0);
    assertThatThrownBy(
            () ->
                SuiteLoader.parse(
                    "{\"id\":\"a\",\"prompt\":\"x\"}\n{oops}\n", Format.JSONL, "c.jsonl", null))
        .hasMessageContaining("c.jsonl line 2: not valid JSON");
    assertThatThrownBy(
            () ->
                SuiteLoader.parse(
                    "{\"id\":\"a\",\"prompt\":\"x\",\"assert\":[{\"type\":\"regex\",\"value\":\"(\"}]}\n",
                    Format.JSONL,
                    "c.jsonl",
                    null))
        .hasMessageContaining(
            "c.jsonl line 1 (id \"a\").assert[0].value: not a valid regular expression");
  }

  @Test
  void csv_columns_become_fields_vars_and_shorthand_assertions() throws Exception {
    String csv =
        "id,question,expected,expected_2,tags,expected_sources,threshold\n"
            + "q1,\"What is 2+2, exactly?\",equals: 4,not-icontains: five,math;easy,doc-1.md;doc-2.md,0.5\n"
            + "q2,Say hi,\"hello, world\",,greeting,,\n";
    String yaml = "defaults:\n  prompt: 'Q: {{question}}'\ncases: cases.csv\n";
    Suite s;
    Path dir = Files.createTempDirectory("suite");
    try {
      Files.writeString(dir.resolve("cases.csv"), csv);
      s = SuiteLoader.parse(yaml, Format.YAML, "suite.yaml", dir);
    } finally {
      Files.deleteIfExists(dir.resolve("cases.csv"));
      Files.deleteIfExists(dir);
    }
    EvalCase q1 = s.cases().get(0);
    assertThat(q1.input()).isEqualTo("Q: What is 2+2, exactly?");
    assertThat(q1.assertions())
        .extracting(a -> a.label())
        .containsExactly("equals", "not-icontains");
    assertThat(q1.tags()).containsExactly("math", "easy");
    assertThat(q1.expectedSources()).containsExactly("doc-1.md", "doc-2.md");
    assertThat(q1.threshold()).isEqualTo(0.5);
    EvalCase q2 = s.cases().get(1);
    assertThat(q2.assertions()).extracting(a -> a.label()).containsExactly("equals");
    assertThat(q2.threshold()).isNull();
  }

  @Test
  void csv_rows_with_the_wrong_width_are_reported(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, "id,prompt\na,hello\nb,hi,extra\n");
    assertThatThrownBy(() -> SuiteLoader.load(file))
        .hasMessageContaining("bad.csv row 3: has 3 fields but the header has 2");
  }

  @Test
  void a_missing_case_file_is_reported(@TempDir Path dir) throws Exception {
    Path suite = dir.resolve("suite.yaml");
    Files.writeString(suite, "cases: nope.jsonl\n");
    assertThatThrownBy(() -> SuiteLoader.load(suite)).hasMessageContaining("file not found");
  }

  private static Throwable catchThrowable(org.assertj.core.api.ThrowableAssert.ThrowingCallable c) {
    return org.assertj.core.api.Assertions.catchThrowable(c);
  }
}
