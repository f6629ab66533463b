package dev.gantry.guardrails.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import dev.gantry.guardrails.injection.PerturbedEmbedder;
import dev.gantry.guardrails.injection.SharedEmbedder;
import dev.gantry.ml.Embedder;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled safety weights are what {@link SafetyTrainer} makes from the project's safety data
 * with {@link #SEED}, judged by behaviour: retrained on embeddings moved by noise far above
 * CPU-to-CPU rounding differences, the model must decide like the bundled one on at least 99.5% of
 * the dev rows and reach held-back figures within 0.01 of those recorded in the file. To regenerate
 * the bundled weights after changing the data, the features or the trainer, from the repository
 * root (a clean clone is fine):
 *
 * <pre>
 * mvn -B verify -pl gantry-guardrails -am -Dtest=BundledSafetyWeightsTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dgantry.safety.regenerate=true
 * </pre>
 */
class BundledSafetyWeightsTest {
  static final long SEED = 20240611L;
  static final Path RESOURCE =
      Path.of("src/main/resources/dev/gantry/guardrails/safety/weights.json");

  /** Spread of the noise added to every embedding component when retraining. */
  static final double NOISE = 1e-5;

  @Test
  void retrained_on_slightly_different_embeddings_the_model_decides_like_the_bundled_one(
      @TempDir Path dir) throws Exception {
    boolean regenerate = Boolean.getBoolean("gantry.safety.regenerate");
    Embedder embedder = SharedEmbedder.get();
    Path out = regenerate ? RESOURCE : dir.resolve("weights.json");
    Embedder training = regenerate ? embedder : new PerturbedEmbedder(embedder, NOISE, SEED);
    SafetyTrainer.Report report =
        new SafetyTrainer(training).train(SafetyData.train(), SafetyData.DATA_NAME, out, SEED);
    System.out.println(report.summary());
    assertThat(report.largestWeight()).isLessThan(50);
    if (regenerate) {
      return;
    }
    JsonNode recorded;
    try (InputStream in =
        SafetyClassifier.class.getResourceAsStream(SafetyClassifier.BUNDLED_WEIGHTS)) {
      recorded = Json.MAPPER.readTree(in).path("training").path("heldBackFigures");
    }
    assertThat(report.heldBackEvaluation().overall().precision())
        .as("held-back precision")
        .isCloseTo(recorded.path("precision").asDouble(), within(0.01));
    assertThat(report.heldBackEvaluation().overall().recall())
        .as("held-back recall")
        .isCloseTo(recorded.path("recall").asDouble(), within(0.01));
    assertThat(report.heldBackEvaluation().overall().f1())
        .as("held-back F1")
        .isCloseTo(recorded.path("f1").asDouble(), within(0.01));

    SafetyClassifier original = SafetyClassifier.defaults(embedder);
    SafetyClassifier again = SafetyClassifier.withWeights(embedder, out);
    List<SafetyExample> dev = SafetyData.dev();
    long agree =
        IntStream.range(0, dev.size())
            .parallel()
            .filter(
                i -> {
                  String text = dev.get(i).text();
                  return SafetyTrainer.flagged(original.classify(text), 0.5)
                      .equals(SafetyTrainer.flagged(again.classify(text), 0.5));
                })
            .count();
    System.out.printf(
        java.util.Locale.ROOT,
        "flagged categories agree on %d of %d dev rows (%.2f%%)%n",
        agree,
        dev.size(),
        100.0 * agree / dev.size());
    assertThat((double) agree / dev.size()).isGreaterThanOrEqualTo(0.995);
  }
}
