package dev.gantry.guardrails.safety;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The project's safety data, as the bundled weights are trained and measured on it. */
final class SafetyData {
  private SafetyData() {}

  static final Path DIR = Path.of("../data/safety");
  static final Path INJECTION = Path.of("../data/injection");
  static final String SURGE = "surge-ai/toxicity:toxicity_en.csv";

  /**
   * The training rows: toxicity train files, the supplement and the injection set's benign rows.
   */
  static List<SafetyExample> train() throws IOException {
    List<SafetyExample> rows = new ArrayList<>();
    rows.addAll(SafetyExample.readJsonl(DIR.resolve("surge-train.jsonl"), SURGE));
    rows.addAll(SafetyExample.readJsonl(DIR.resolve("extra-train.jsonl"), "unknown"));
    rows.addAll(SafetyExample.readJsonl(DIR.resolve("supplement.jsonl"), "unknown"));
    rows.addAll(SafetyExample.readJsonl(INJECTION.resolve("train.jsonl"), "injection"));
    return rows;
  }

  /** The development rows: toxicity dev file and the injection set's benign dev rows. */
  static List<SafetyExample> dev() throws IOException {
    List<SafetyExample> rows = new ArrayList<>();
    rows.addAll(SafetyExample.readJsonl(DIR.resolve("extra-dev.jsonl"), "unknown"));
    rows.addAll(SafetyExample.readJsonl(INJECTION.resolve("dev.jsonl"), "injection"));
    return rows;
  }

  static final String DATA_NAME =
      "surge-train.jsonl+extra-train.jsonl+supplement.jsonl+injection/train.jsonl(benign)";
}
