package dev.gantry.ml.classify;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Fits a {@link LogisticModel} by mini-batch gradient descent with Adam steps, minimising the
 * weighted mean log-loss plus an L2 penalty. Features are first standardised to zero mean and unit
 * variance; a feature whose spread is below {@link TrainingOptions#minStandardDeviation()} is
 * constant for the model (scale 1, weight 0), so no weight can grow by dividing by a spread that is
 * only rounding noise. Standardising and the penalty together keep the problem well conditioned:
 * the loss is strongly convex in the standardised weights, so a perturbation of the inputs as small
 * as the rounding differences between CPUs moves the weights and the decisions very little. The are
 * shuffled before every epoch with the given random generator and all arithmetic is done in a fixed
 * order, so the same examples, options and seed always give the same model, bit for bit. Stateless
 * and thread-safe; the random generator passed to {@link #fit} is used by one call only.
 */
public final class LogisticTrainer {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;

  private final TrainingOptions options;

  public LogisticTrainer(TrainingOptions options) {
    this.options = options;
  }

  /**
   * Fits a model to {@code examples}, which must all have the same number of features and include
   * both classes.
   *
   * @param random shuffles the examples; pass a freshly seeded generator for reproducible weights
   */
  public LogisticModel fit(List<LabeledVector> examples, RandomGenerator random) {
    int n = examples.size();
    if (n == 0) {
      throw new IllegalArgumentException("no examples to train on");
    }
    int d = examples.get(0).features().length;
    double positiveWeight = 0;
    double negativeWeight = 0;
    for (LabeledVector e : examples) {
      if (e.features().length != d) {
        throw new IllegalArgumentException(
            "examples differ in length: " + d + " vs " + e.features().length);
      }
      if (e.positive()) {
        positiveWeight += e.weight();
      } else {
        negativeWeight += e.weight();
      }
    }
    if (positiveWeight == 0 || negativeWeight == 0) {
      throw new IllegalArgumentException("training needs examples of both classes");
    }
    double[] mean = new double[d];
    double[] scale = new double[d];
    boolean[] constant = new boolean[d];
    standardisation(examples, mean, scale, constant, options.minStandardDeviation());

    double[][] x = new double[n][];
    double[] y = new double[n];
    double[] w = new double[n];
    double total = positiveWeight + negativeWeight;
    for (int i = 0; i < n; i++) {
      LabeledVector e = examples.get(i);
      double[] z = new double[d];
      for (int j = 0; j < d; j++) {
        z[j] = constant[j] ? 0 : (e.features()[j] - mean[j]) / scale[j];
      }
      x[i] = z;
      y[i] = e.positive() ? 1 : 0;
      double classScale =
          !options.balanceClasses()
              ? 1
              : total / (2 * (e.positive() ? positiveWeight : negativeWeight));
      w[i] = e.weight() * classScale;
    }

    double[] weights = new double[d];
    double bias = 0;
    double[] m = new double[d + 1];
    double[] v = new double[d + 1];
    double[] grad = new double[d + 1];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    long step = 0;
    for (int epoch = 0; epoch < options.epochs(); epoch++) {
      shuffle(order, random);
      for (int start = 0; start < n; start += options.batchSize()) {
        int end = Math.min(n, start + options.batchSize());
        Arrays.fill(grad, 0);
        double batchWeight = 0;
        for (int k = start; k < end; k++) {
          int i = order[k];
          double[] xi = x[i];
          double z = bias;
          for (int j = 0; j < d; j++) {
            z += weights[j] * xi[j];
          }
          double err = (LogisticModel.sigmoid(z) - y[i]) * w[i];
          for (int j = 0; j < d; j++) {
            grad[j] += err * xi[j];
          }
          grad[d] += err;
          batchWeight += w[i];
        }
        step++;
        double c1 = 1 - StrictMath.pow(BETA1, step);
        double c2 = 1 - StrictMath.pow(BETA2, step);
        for (int j = 0; j <= d; j++) {
          double g = grad[j] / batchWeight + (j < d ? options.l2() * weights[j] : 0);
          m[j] = BETA1 * m[j] + (1 - BETA1) * g;
          v[j] = BETA2 * v[j] + (1 - BETA2) * g * g;
          double delta = options.learningRate() * (m[j] / c1) / (Math.sqrt(v[j] / c2) + EPSILON);
          if (j < d) {
            weights[j] -= delta;
          } else {
            bias -= delta;
          }
        }
      }
    }
    return new LogisticModel(mean, scale, weights, bias);
  }

  private static void standardisation(
      List<LabeledVector> examples,
      double[] mean,
      double[] scale,
      boolean[] constant,
      double minStandardDeviation) {
    int n = examples.size();
    for (LabeledVector e : examples) {
      for (int j = 0; j < mean.length; j++) {
        mean[j] += e.features()[j];
      }
    }
    for (int j = 0; j < mean.length; j++) {
      mean[j] /= n;
    }
    for (LabeledVector e : examples) {
      for (int j = 0; j < mean.length; j++) {
        double dx = e.features()[j] - mean[j];
        scale[j] += dx * dx;
      }
    }
    for (int j = 0; j < scale.length; j++) {
      double sd = Math.sqrt(scale[j] / n);
      constant[j] = !(sd > 1e-12 && sd >= minStandardDeviation);
      scale[j] = constant[j] ? 1 : sd;
    }
  }

  private static void shuffle(int[] order, RandomGenerator random) {
    for (int i = order.length - 1; i > 0; i--) {
      int k = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[k];
      order[k] = t;
    }
  }

  @Override
  public String toString() {
    return "LogisticTrainer" + options;
  }
}
