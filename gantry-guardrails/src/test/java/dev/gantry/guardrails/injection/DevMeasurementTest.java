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
    // Right after regenerating (same run), measure the file just written, not the stale copy on
    // the class path.
    InjectionDetector detector =
        Boolean.getBoolean("gantry.injection.regenerate")
            ? InjectionDetector.withWeights(SharedEmbedder.get(), BundledWeightsTest.RESOURCE)
            : InjectionDetector.defaults(SharedEmbedder.get());
    boolean[] flagged = new boolean[rows.size()];
    java.util.stream.IntStream.range(0, rows.size())
        .parallel()
        .forEach(i -> flagged[i] = InjectionEvaluation.detect(detector, rows.get(i)).flagged());
    full = InjectionEvaluation.of(rows, flagged);
    heuristics = InjectionEvaluation.of(InjectionDetector.heuristicsOnly(), rows);
    java.util.Map<String, dev.gantry.ml.classify.Metrics> bySource = new java.util.TreeMap<>();
    for (int i = 0; i < rows.size(); i++) {
      LabeledText r = rows.get(i);
      bySource.merge(
          r.kind() + " | " + LeaveOneSourceOutTest.group(r),
          dev.gantry.ml.classify.Metrics.of(
              new boolean[] {flagged[i]}, new boolean[] {r.injection()}),
          dev.gantry.ml.classify.Metrics::plus);
    }
    StringBuilder perSource = new StringBuilder();
    bySource.forEach((k, m) -> perSource.append(LeaveOneSourceOutTest.share(95, k, m)));
    String report =
        "dev.jsonl, "
            + rows.size()
            + " rows\n\nheuristics + classifier:\n"
            + full.summary()
            + "\nheuristics only:\n"
            + heuristics.summary()
            + "\nheuristics + classifier, per kind and source:\n"
            + perSource;
    System.out.println(report);
    Files.writeString(Path.of("target/injection-dev-figures.txt"), report, StandardCharsets.UTF_8);
  }

  // The floors sit a little under the figures measured when the weights were trained (F1 0.872,
  // benign 2.0% and benign-hard 4.8% flagged, recall direct 0.771, indirect 0.811, jailbreak
  // 0.838): a real regression fails, CPU-to-CPU noise does not.

  @Test
  void f1_is_at_least_0_85() {
    assertThat(full.overall().f1()).isGreaterThanOrEqualTo(0.85);
  }

  @Test
  void flags_at_most_6_percent_of_benign_hard_prompts() {
    assertThat(full.byKind().get("benign-hard").falsePositiveRate()).isLessThanOrEqualTo(0.06);
  }

  @Test
  void flags_at_most_3_percent_of_benign_texts_and_documents() {
    assertThat(full.byKind().get("benign").falsePositiveRate()).isLessThanOrEqualTo(0.03);
  }

  @Test
  void finds_at_least_78_percent_of_indirect_injections_and_jailbreaks() {
    for (String kind : List.of("indirect", "jailbreak")) {
      assertThat(full.byKind().get(kind).recall()).as(kind).isGreaterThanOrEqualTo(0.78);
    }
  }

  /**
   * Direct attacks are short requests, the closest to benign questions about prompts and to
   * everyday requests that use attack words; they are weighted up in training (one over the square
   * root of their kind's size) so the few of them are not drowned by the other attacks.
   */
  @Test
  void finds_at_least_72_percent_of_direct_attacks() {
    assertThat(full.byKind().get("direct").recall()).isGreaterThanOrEqualTo(0.72);
  }

  @Test
  void heuristics_alone_never_flag_benign_rows() {
    assertThat(heuristics.byKind().get("benign").falsePositives()).isZero();
    assertThat(heuristics.byKind().get("benign-hard").falsePositives()).isZero();
  }

  /**
   * The rules catch template jailbreaks and spelled-out overrides; JailbreakBench's optimised and
   * role-play jailbreaks and attacks inside documents are for the classifier.
   */
  @Test
  void heuristics_alone_catch_a_sixth_of_attacks_and_a_fifth_of_jailbreaks() {
    assertThat(heuristics.overall().recall()).isGreaterThan(0.16);
    assertThat(heuristics.byKind().get("jailbreak").recall()).isGreaterThan(0.2);
  }
}
