package dev.gantry.eval.judge;

/**
 * The suite's {@code judge:} block.
 *
 * @param model the judge model name sent to the gateway, or null when none is configured
 * @param scaleMin lowest score on the scale
 * @param scaleMax highest score on the scale, > scaleMin
 * @param threshold default normalised score at or above which {@code llm-rubric} passes, in [0, 1]
 * @param instructions extra instructions for the judge appended to the built-in ones, or null
 */
public record JudgeSettings(
    String model, int scaleMin, int scaleMax, double threshold, String instructions) {
  /** No model, scale 1..5, pass at 0.75 (a 4 of 5). */
  public static final JudgeSettings DEFAULTS = new JudgeSettings(null, 1, 5, 0.75, null);

  public JudgeSettings {
    if (scaleMax <= scaleMin) {
      throw new IllegalArgumentException(
          "judge.scale: max must be greater than min, got " + scaleMin + ".." + scaleMax);
    }
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException(
          "judge.threshold: expected a number in 0.0..1.0, got " + threshold);
    }
  }

  public JudgeSettings withModel(String newModel) {
    return new JudgeSettings(newModel, scaleMin, scaleMax, threshold, instructions);
  }

  /** Maps a score on the scale to [0, 1]. */
  public double normalize(double score) {
    return (score - scaleMin) / (double) (scaleMax - scaleMin);
  }
}
