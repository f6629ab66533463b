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
    Path weights) {

  /** A few lines for people: sizes, thresholds and the held-back figures. */
  public String summary() {
    return String.format(
            Locale.ROOT,
            "read %d rows; trained on %d, held back %d (seed %d)%n"
                + "thresholds: document %.4f, unit %.4f (log-odds)%n"
                + "held-back figures (thresholds chosen on them):%n",
            rows,
            trainedOn,
            heldBack,
            seed,
            documentThreshold,
            unitThreshold)
        + heldBackEvaluation.summary()
        + "weights written to "
        + weights
        + System.lineSeparator();
  }
}
