package dev.gantry.ml.classify;

import java.util.Objects;

/**
 * One training example: a feature vector, its class and how much it counts in the loss.
 *
 * @param features the feature values; the array is not copied, so the caller must not change it
 * @param positive true for the positive class
 * @param weight how many examples this one counts as, finite and greater than 0
 */
public record LabeledVector(double[] features, boolean positive, double weight) {
  public LabeledVector {
    Objects.requireNonNull(features, "features");
    if (!(weight > 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("weight must be finite and > 0, was " + weight);
    }
  }

  /** An example of weight 1. */
  public LabeledVector(double[] features, boolean positive) {
    this(features, positive, 1);
  }
}
