package dev.gantry.eval.assertion;

import static dev.gantry.eval.assertion.Specs.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.eval.judge.JudgeSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonAssertionsTest {
  private static final String SCHEMA =
      "{type: json-schema, value: {type: object, required: [city, temp],"
          + " properties: {city: {type: string}, temp: {type: number}}}}";

  @Test
  void is_json_accepts_a_fenced_value_and_rejects_prose() {
    assertThat(eval("{type: is-json}", "```json\n{\"a\": 1}\n```").passed()).isTrue();
    assertThat(eval("{type: is-json}", "[1, 2]").passed()).isTrue();
    AssertionResult r = eval("{type: is-json}", "Here is JSON: {\"a\": 1}");
    assertThat(r.passed()).isFalse();
    assertThat(r.message()).contains("not JSON");
    assertThat(eval("{type: is-json}", "").message()).contains("empty");
  }

  @Test
  void json_schema_validates_and_names_the_problem() {
    assertThat(eval(SCHEMA, "{\"city\": \"Paris\", \"temp\": 21.5}").passed()).isTrue();
    AssertionResult r = eval(SCHEMA, "{\"city\": \"Paris\", \"temp\": \"warm\"}");
    assertThat(r.passed()).isFalse();
    assertThat(r.message()).contains("does not match the schema").contains("temp");
    assertThat(eval(SCHEMA, "{\"city\": \"Paris\"}").message()).contains("temp");
  }

  @Test
  void json_schema_without_value_uses_the_case_response_format() {
    CaseContext context =
        new CaseContext(
            "q",
            List.of(),
            Specs.yaml(
                "{type: json_schema, json_schema: {name: answer, schema: {type: object,"
                    + " required: [answer], properties: {answer: {type: integer}}}}}"),
            JudgeSettings.DEFAULTS);
    AssertionSpec spec = Specs.spec("{type: json-schema}", context);
    assertThat(spec.evaluate(CaseOutput.ofText("{\"answer\": 42}"), Specs.services()).passed())
        .isTrue();
    assertThat(spec.evaluate(CaseOutput.ofText("{\"answer\": \"42\"}"), Specs.services()).passed())
        .isFalse();
    assertThatThrownBy(() -> Specs.spec("{type: json-schema}"))
        .hasMessageContaining("response_format");
  }

  @Test
  void json_path_reads_members_indexes_and_pointers() {
    String out = "{\"a\": {\"b\": [10, {\"c\": \"x\"}]}, \"n\": 1.0, \"key with space\": true}";
    assertThat(eval("{type: json-path, path: '$.a.b[0]', value: 10}", out).passed()).isTrue();
    assertThat(eval("{type: json-path, path: '$.a.b[1].c', value: x}", out).passed()).isTrue();
    assertThat(eval("{type: json-path, path: '$.a.b[-1].c', value: x}", out).passed()).isTrue();
    assertThat(eval("{type: json-path, path: '/a/b/0', value: 10}", out).passed()).isTrue();
    assertThat(eval("{type: json-path, path: \"$['key with space']\", value: true}", out).passed())
        .isTrue();
    assertThat(eval("{type: json-path, path: '$.n', value: 1}", out).passed()).isTrue();
    assertThat(eval("{type: json-path, path: '$.n', value: '1.0'}", out).passed()).isTrue();
    AssertionResult wrong = eval("{type: json-path, path: '$.a.b[0]', value: 11}", out);
    assertThat(wrong.passed()).isFalse();
    assertThat(wrong.message()).contains("is 10").contains("expected 11");
    assertThat(eval("{type: json-path, path: '$.a.z'}", out).message()).contains("not found");
    assertThat(eval("{type: json-path, path: '$.a'}", out).passed()).isTrue();
  }

  @Test
  void a_bad_path_is_a_suite_error() {
    assertThatThrownBy(() -> Specs.spec("{type: json-path, path: 'a.b', value: 1}"))
        .hasMessageStartingWith("path: ");
    assertThatThrownBy(() -> Specs.spec("{type: json-path, path: '$.a[x]', value: 1}"))
        .hasMessageContaining("inside []");
  }
}
