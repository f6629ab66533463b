package dev.gantry.eval.assertion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gantry.eval.judge.JudgeSettings;
import dev.gantry.eval.run.LazyServices;
import dev.gantry.ml.Embedder;
import dev.gantry.ml.MiniLmEmbedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Builds assertions from YAML snippets, the way suites write them. */
final class Specs {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static Embedder embedder;

  static final CaseContext CONTEXT =
      new CaseContext("What is the capital of France?", List.of(), null, JudgeSettings.DEFAULTS);

  private Specs() {}

  static JsonNode yaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static AssertionSpec spec(String yaml) {
    return AssertionParser.parse(yaml(yaml), CONTEXT);
  }

  static AssertionSpec spec(String yaml, CaseContext context) {
    return AssertionParser.parse(yaml(yaml), context);
  }

  static AssertionResult eval(String yaml, String output) {
    return spec(yaml).evaluate(CaseOutput.ofText(output), services());
  }

  static AssertionResult eval(String yaml, CaseOutput output) {
    return spec(yaml).evaluate(output, services());
  }

  static synchronized EvalServices services() {
    return new LazyServices(Specs::embedder, () -> null);
  }

  static synchronized Embedder embedder() {
    if (embedder == null) {
      embedder = new MiniLmEmbedder(1000);
    }
    return embedder;
  }
}
