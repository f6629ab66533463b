package dev.gantry.ml.classify;

/**
 * How {@link LogisticTrainer} fits a model.
 *
 * @param l2 strength of the L2 penalty on the weights (not the bias), ≥ 0; the loss is the weighted
 *     mean log-loss plus {@code l2 / 2 * |w|²}
 * @param learningRate Adam step size, in (0, 1]
 * @param epochs passes over the shuffled data, ≥ 1
 * @param batchSize examples per gradient step, ≥ 1
 * @param balanceClasses when true, each class's example weights are scaled so that both classes
 *     carry the same total weight
 * @param minStandardDeviation a feature whose standard deviation over the training examples is
 *     below this, in the feature's own units, counts as constant and gets weight 0; ≥ 0. A feature
 *     that barely varies carries nothing but rounding noise, and standardising it would multiply
 *     that noise into an enormous weight (an embedding dimension that a quantised model leaves near
 *     zero varies by about 1e-8, which differs between CPUs)
 */
public record TrainingOptions(
    double l2,
    double learningRate,
    int epochs,
    int batchSize,
    boolean balanceClasses,
    double minStandardDeviation) {
  /** The default {@link #minStandardDeviation}: far below any real feature's spread. */
  public static final double DEFAULT_MIN_STANDARD_DEVIATION = 1e-4;

  public TrainingOptions {
    if (!(l2 >= 0) || Double.isInfinite(l2)) {
      throw new IllegalArgumentException("l2 must be finite and >= 0, was " + l2);
    }
    if (!(learningRate > 0 && learningRate <= 1)) {
      throw new IllegalArgumentException("learningRate must be in (0, 1], was " + learningRate);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, was " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
    }
    if (!(minStandardDeviation >= 0) || Double.isInfinite(minStandardDeviation)) {
      throw new IllegalArgumentException(
          "minStandardDeviation must be finite and >= 0, was " + minStandardDeviation);
    }
  }

  /** Defaults that suit a few thousand examples of a few hundred standardised features. */
  public static TrainingOptions defaults() {
    return new TrainingOptions(1e-3, 0.01, 60, 64, true, DEFAULT_MIN_STANDARD_DEVIATION);
  }

  public TrainingOptions withL2(double l2) {
    return new TrainingOptions(
        l2, learningRate, epochs, batchSize, balanceClasses, minStandardDeviation);
  }

  public TrainingOptions withEpochs(int epochs) {
    return new TrainingOptions(
        l2, learningRate, epochs, batchSize, balanceClasses, minStandardDeviation);
  }

  public TrainingOptions withMinStandardDeviation(double sd) {
    return new TrainingOptions(l2, learningRate, epochs, batchSize, balanceClasses, sd);
  }
}
