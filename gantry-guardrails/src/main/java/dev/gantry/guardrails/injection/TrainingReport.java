package dev.gantry.guardrails.injection;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@link InjectionTrainer#train} did.
 *
 * @param rows labelled rows read
 * @param trainedOn rows the models were fitted on
 * @param heldBack rows held back to choose the thresholds and measure the result
 * @param seed the seed that chose the held-back rows and shuffled training
 * @param heldBackEvaluation the trained detector (both layers) on the held-back rows; the
 *     thresholds were chosen on these rows, so the figures are slightly optimistic
 * @param documentThreshold chosen threshold of the document model, in log-odds
 * @param unitThreshold chosen threshold of the unit model, in log-odds
 * @param largestWeights the largest absolute weight of each of the three models as stored (the
 *     standardisation folded in), by model name; a well-conditioned fit keeps these small
 * @param weights the file written
 */
public record TrainingReport(
    int rows,
    int trainedOn,
    int heldBack,
    long seed,
    InjectionEvaluation heldBackEvaluation,
    double documentThreshold,
    double unitThreshold,
    java.util.Map<String, Double> largestWeights,
    Path weights) {

  public TrainingReport {
    largestWeights = java.util.Map.copyOf(largestWeights);
  }

  /** A few lines for people: sizes, thresholds and the held-back figures. */
  public String summary() {
    return String.format(
            Locale.ROOT,
            "read %d rows; trained on %d, held back %d (seed %d)%n"
                + "thresholds: document %.4f, unit %.4f (log-odds)%n"
                + "largest |weight|: document %.3f, unit lexical %.3f, unit embedding %.3f%n"
                + "held-back figures (thresholds chosen on them):%n",
            rows,
            trainedOn,
            heldBack,
            seed,
            documentThreshold,
            unitThreshold,
            largestWeights.get("document"),
            largestWeights.get("unitLexical"),
            largestWeights.get("unitEmbedding"))
        + heldBackEvaluation.summary()
        + "weights written to "
        + weights
        + System.lineSeparator();
  }
}
