package dev.gantry.guardrails.injection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled detector on {@code data/injection/dev.jsonl}, which training never reads: neither the
 * weights nor the thresholds were chosen on it. The figures are printed and written to {@code
 * target/injection-dev-figures.txt}; the floors are the project's acceptance floors.
 */
class DevMeasurementTest {
  static final Path DEV = Path.of("../data/injection/dev.jsonl");

  static List<LabeledText> rows;
  static InjectionEvaluation full;
  static InjectionEvaluation heuristics;

  @BeforeAll
  static void measure() throws Exception {
    rows = LabeledText.readJsonl(DEV);
    InjectionDetector detector = InjectionDetector.defaults(SharedEmbedder.get());
    boolean[] flagged = new boolean[rows.size()];
    java.util.stream.IntStream.range(0, rows.size())
        .parallel()
        .forEach(i -> flagged[i] = detector.detect(rows.get(i).text()).flagged());
    full = InjectionEvaluation.of(rows, flagged);
    heuristics = InjectionEvaluation.of(InjectionDetector.heuristicsOnly(), rows);
    String report =
        "dev.jsonl, "
            + rows.size()
            + " rows\n\nheuristics + classifier:\n"
            + full.summary()
            + "\nheuristics only:\n"
            + heuristics.summary();
    System.out.println(report);
    Files.writeString(Path.of("target/injection-dev-figures.txt"), report, StandardCharsets.UTF_8);
  }

  @Test
  void f1_is_at_least_0_95() {
    assertThat(full.overall().f1()).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void flags_at_most_5_percent_of_benign_hard_prompts() {
    assertThat(full.byKind().get("benign-hard").falsePositiveRate()).isLessThanOrEqualTo(0.05);
  }

  @Test
  void flags_at_most_6_percent_of_benign_texts_and_documents() {
    assertThat(full.byKind().get("benign").falsePositiveRate()).isLessThanOrEqualTo(0.06);
  }

  @Test
  void finds_at_least_95_percent_of_indirect_injections_and_jailbreaks() {
    for (String kind : List.of("indirect", "jailbreak")) {
      assertThat(full.byKind().get(kind).recall()).as(kind).isGreaterThanOrEqualTo(0.95);
    }
  }

  /**
   * Direct attacks are short requests, the closest to benign questions about prompts; training on
   * benign questions of that kind (data/injection/supplement.jsonl) traded some of their recall
   * (0.98 to 0.85 on dev) for far fewer false alarms on benign mentions (14 to 3 of 56).
   */
  @Test
  void finds_at_least_80_percent_of_direct_attacks() {
    assertThat(full.byKind().get("direct").recall()).isGreaterThanOrEqualTo(0.80);
  }

  @Test
  void heuristics_alone_never_flag_benign_rows() {
    assertThat(heuristics.byKind().get("benign").falsePositives()).isZero();
    assertThat(heuristics.byKind().get("benign-hard").falsePositives()).isZero();
  }

  @Test
  void heuristics_alone_catch_a_quarter_of_attacks_and_half_of_jailbreaks() {
    assertThat(heuristics.overall().recall()).isGreaterThan(0.25);
    assertThat(heuristics.byKind().get("jailbreak").recall()).isGreaterThan(0.45);
  }
}
