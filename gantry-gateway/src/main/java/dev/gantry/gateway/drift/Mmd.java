package dev.gantry.gateway.drift;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The kernel two-sample test of Gretton et al. (2012): the unbiased estimate of the squared maximum
 * mean discrepancy (MMD²) between two samples of vectors under a Gaussian kernel whose bandwidth is
 * the median distance within the pooled sample, and its permutation test. Under the hypothesis that
 * both samples come from one distribution the samples are exchangeable, so the chance that the
 * observed statistic exceeds the {@code (1 - alpha)} quantile of its permutations (a false alarm)
 * is at most {@code alpha}. Stateless; the random generator is the caller's.
 */
final class Mmd {
  /** The outcome of one test. {@code threshold} is the permutation quantile at {@code alpha}. */
  record Result(double statistic, double threshold, double pValue) {
    /** Statistic over threshold: above 1 means drift at the test's level. */
    double score() {
      return threshold > 0 ? statistic / threshold : statistic > 0 ? Double.POSITIVE_INFINITY : 0;
    }
  }

  private Mmd() {}

  /**
   * Tests whether {@code reference} and {@code recent} come from one distribution.
   *
   * @param permutations how many random relabellings estimate the null distribution (at least 1)
   * @param alpha the significance level, in (0, 1)
   */
  static Result test(
      List<float[]> reference,
      List<float[]> recent,
      int permutations,
      double alpha,
      RandomGenerator random) {
    int n = reference.size();
    int m = recent.size();
    if (n < 2 || m < 2) {
      throw new IllegalArgumentException("each sample needs at least 2 vectors");
    }
    List<float[]> pooled = new ArrayList<>(n + m);
    pooled.addAll(reference);
    pooled.addAll(recent);
    double[][] d2 = squaredDistances(pooled);
    double gamma = 1 / Math.max(1e-12, median(d2));
    double[][] k = new double[n + m][n + m];
    for (int i = 0; i < n + m; i++) {
      for (int j = 0; j < n + m; j++) {
        k[i][j] = Math.exp(-gamma * d2[i][j]);
      }
    }
    int[] order = new int[n + m];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    double observed = mmd2(k, order, n);
    double[] permuted = new double[permutations];
    int atLeast = 0;
    for (int p = 0; p < permutations; p++) {
      shuffle(order, random);
      permuted[p] = mmd2(k, order, n);
      if (permuted[p] >= observed) {
        atLeast++;
      }
    }
    java.util.Arrays.sort(permuted);
    int q = Math.min(permutations - 1, (int) Math.ceil((1 - alpha) * (permutations + 1)) - 1);
    double threshold = permuted[Math.max(0, q)];
    return new Result(observed, threshold, (atLeast + 1.0) / (permutations + 1.0));
  }

  /** Unbiased MMD² with the first {@code n} indices of {@code order} as one sample. */
  static double mmd2(double[][] k, int[] order, int n) {
    int m = order.length - n;
    double xx = 0;
    double yy = 0;
    double xy = 0;
    for (int a = 0; a < order.length; a++) {
      for (int b = 0; b < order.length; b++) {
        if (a == b) {
          continue;
        }
        double v = k[order[a]][order[b]];
        boolean ax = a < n;
        boolean bx = b < n;
        if (ax && bx) {
          xx += v;
        } else if (!ax && !bx) {
          yy += v;
        } else if (ax) {
          xy += v;
        }
      }
    }
    return xx / ((double) n * (n - 1)) + yy / ((double) m * (m - 1)) - 2 * xy / ((double) n * m);
  }

  private static double[][] squaredDistances(List<float[]> v) {
    int size = v.size();
    double[][] d = new double[size][size];
    for (int i = 0; i < size; i++) {
      for (int j = i + 1; j < size; j++) {
        float[] a = v.get(i);
        float[] b = v.get(j);
        double s = 0;
        for (int x = 0; x < a.length; x++) {
          double diff = a[x] - b[x];
          s += diff * diff;
        }
        d[i][j] = s;
        d[j][i] = s;
      }
    }
    return d;
  }

  private static double median(double[][] d2) {
    List<Double> off = new ArrayList<>();
    for (int i = 0; i < d2.length; i++) {
      for (int j = i + 1; j < d2.length; j++) {
        off.add(d2[i][j]);
      }
    }
    Collections.sort(off);
    return off.get(off.size() / 2);
  }

  private static void shuffle(int[] a, RandomGenerator random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
