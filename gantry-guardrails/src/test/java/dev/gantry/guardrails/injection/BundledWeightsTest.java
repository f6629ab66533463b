package dev.gantry.guardrails.injection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import dev.gantry.ml.Embedder;
import dev.gantry.ml.MiniLmEmbedder;
import dev.gantry.ml.classify.LogisticModel;
import dev.gantry.ml.classify.Metrics;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled weights are what {@link InjectionTrainer} makes from {@code
 * data/injection/train.jsonl} and {@code supplement.jsonl} with {@link #SEED}, judged by behaviour:
 * embeddings differ in their last bits between CPUs, so the bytes of a retrained file differ from
 * machine to machine, but its decisions and figures must not.
 *
 * <p>To regenerate the bundled weights after changing the data, the features or the trainer, run
 * from the repository root (a clean clone is fine):
 *
 * <pre>
 * mvn -B verify -pl gantry-guardrails -am -Dtest=BundledWeightsTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dgantry.injection.regenerate=true
 * </pre>
 *
 * then commit {@code gantry-guardrails/src/main/resources/dev/gantry/guardrails/injection/} {@code
 * weights.json} and the figures it prints.
 */
class BundledWeightsTest {
  /** The seed the bundled weights were trained with. */
  static final long SEED = 20240611L;

  static final Path TRAIN = Path.of("../data/injection/train.jsonl");
  static final Path SUPPLEMENT = Path.of("../data/injection/supplement.jsonl");
  static final Path DEV = Path.of("../data/injection/dev.jsonl");
  static final Path RESOURCE =
      Path.of("src/main/resources/dev/gantry/guardrails/injection/weights.json");

  /**
   * Spread of the noise added to every embedding component when retraining: about a thousand times
   * the rounding differences seen between CPUs, and a fifth of a per-mille of a component's spread.
   */
  static final double NOISE = 1e-5;

  /** No stored weight may exceed this in magnitude (the guardrails README states the figures). */
  static final double LARGEST_WEIGHT = 50;

  @Test
  void retrained_on_slightly_different_embeddings_the_model_decides_like_the_bundled_one(
      @TempDir Path dir) throws Exception {
    boolean regenerate = Boolean.getBoolean("gantry.injection.regenerate");
    MiniLmEmbedder embedder = SharedEmbedder.get();
    Path out = regenerate ? RESOURCE : dir.resolve("weights.json");
    // Retraining stands in for training on another machine: every embedding it sees is moved by
    // noise well above the CPU-to-CPU differences.
    Embedder training = regenerate ? embedder : new PerturbedEmbedder(embedder, NOISE, SEED);
    TrainingReport report =
        new InjectionTrainer(training).train(List.of(TRAIN, SUPPLEMENT), out, SEED);
    System.out.println(report.summary());
    assertThat(report.largestWeights().values())
        .allSatisfy(w -> assertThat(w).isLessThan(LARGEST_WEIGHT));
    assertThat(report.heldBackEvaluation().overall().f1()).isGreaterThan(0.8);
    if (regenerate) {
      return;
    }

    JsonNode bundled;
    try (InputStream in =
        InjectionDetector.class.getResourceAsStream(InjectionDetector.BUNDLED_WEIGHTS)) {
      bundled = Json.MAPPER.readTree(in);
    }
    for (String part : List.of("document", "unitLexical", "unitEmbedding")) {
      assertThat(InjectionTrainer.largest(LogisticModel.fromJson(bundled.get(part))))
          .as("largest bundled |weight| of %s", part)
          .isLessThan(LARGEST_WEIGHT);
    }
    JsonNode recorded = bundled.path("training").path("heldBackFigures");
    Metrics retrained = report.heldBackEvaluation().overall();
    assertThat(retrained.precision())
        .as("held-back precision")
        .isCloseTo(recorded.path("precision").asDouble(), within(0.01));
    assertThat(retrained.recall())
        .as("held-back recall")
        .isCloseTo(recorded.path("recall").asDouble(), within(0.01));
    assertThat(retrained.f1())
        .as("held-back F1")
        .isCloseTo(recorded.path("f1").asDouble(), within(0.01));

    InjectionDetector original = InjectionDetector.defaults(embedder);
    InjectionDetector again = InjectionDetector.withWeights(embedder, out);
    List<LabeledText> dev = LabeledText.readJsonl(DEV);
    long agree =
        IntStream.range(0, dev.size())
            .parallel()
            .filter(
                i -> {
                  return InjectionEvaluation.detect(original, dev.get(i)).flagged()
                      == InjectionEvaluation.detect(again, dev.get(i)).flagged();
                })
            .count();
    System.out.printf(
        java.util.Locale.ROOT,
        "decisions agree on %d of %d dev rows (%.2f%%)%n",
        agree,
        dev.size(),
        100.0 * agree / dev.size());
    assertThat((double) agree / dev.size())
        .as("share of dev rows on which the retrained and bundled models agree")
        .isGreaterThanOrEqualTo(0.995);
  }
}
