package dev.gantry.eval.baseline;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Paired percentile bootstrap of the difference of a statistic between two runs. Each resample
 * draws n case indexes with replacement and applies the same indexes to both runs, so per-case
 * difficulty cancels out. Every call starts from a fresh generator seeded with {@code seed}, so the
 * interval of a metric does not depend on which metrics were computed before it. Immutable and
 * thread-safe.
 */
public final class Bootstrap {
  /** Default resample count. */
  public static final int DEFAULT_RESAMPLES = 2000;

  private final long seed;
  private final int resamples;
  private final double confidence;

  /**
   * @param resamples at least 100
   * @param confidence the interval's coverage, in (0, 1), e.g. 0.95
   */
  public Bootstrap(long seed, int resamples, double confidence) {
    if (resamples < 100) {
      throw new IllegalArgumentException("resamples must be >= 100, got " + resamples);
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
    }
    this.seed = seed;
    this.resamples = resamples;
    this.confidence = confidence;
  }

  public long seed() {
    return seed;
  }

  public int resamples() {
    return resamples;
  }

  /**
   * The interval of {@code statistic(current) - statistic(baseline)}.
   *
   * @param baseline per-case values of the baseline run
   * @param current per-case values of the current run, paired by index with {@code baseline}
   */
  public Interval pairedDelta(
      double[] baseline, double[] current, ToDoubleFunction<double[]> statistic) {
    if (baseline.length != current.length || baseline.length == 0) {
      throw new IllegalArgumentException(
          "need two non-empty paired samples, got " + baseline.length + " and " + current.length);
    }
    int n = baseline.length;
    double estimate = statistic.applyAsDouble(current) - statistic.applyAsDouble(baseline);
    SplittableRandom random = new SplittableRandom(seed);
    double[] deltas = new double[resamples];
    double[] b = new double[n];
    double[] c = new double[n];
    for (int r = 0; r < resamples; r++) {
      for (int i = 0; i < n; i++) {
        int k = random.nextInt(n);
        b[i] = baseline[k];
        c[i] = current[k];
      }
      deltas[r] = statistic.applyAsDouble(c) - statistic.applyAsDouble(b);
    }
    Arrays.sort(deltas);
    double alpha = (1 - confidence) / 2;
    return new Interval(estimate, quantile(deltas, alpha), quantile(deltas, 1 - alpha));
  }

  /** Linear interpolation between order statistics of a sorted array. */
  static double quantile(double[] sorted, double p) {
    double pos = p * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /** The arithmetic mean. */
  public static double mean(double[] v) {
    double sum = 0;
    for (double x : v) {
      sum += x;
    }
    return sum / v.length;
  }

  /** The nearest-rank percentile ({@code p} in (0, 1]) of unsorted values. */
  public static double percentile(double[] v, double p) {
    double[] s = v.clone();
    Arrays.sort(s);
    int rank = (int) Math.ceil(p * s.length);
    return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
  }
}
