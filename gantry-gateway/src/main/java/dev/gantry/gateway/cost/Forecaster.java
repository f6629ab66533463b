package dev.gantry.gateway.cost;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Forecasts daily spend with additive Holt-Winters exponential smoothing (level, trend and a weekly
 * season of 7 days; ETS(A,A,A)). The smoothing weights are chosen by a grid search that minimises
 * the squared one-day-ahead errors over the history; the prediction intervals come from {@value
 * #PATHS} future paths simulated from the fitted model with Gaussian errors of the residuals'
 * standard deviation (a seeded generator, so a forecast is reproducible), which keeps the errors'
 * correlation across days in the intervals of sums. Spend cannot be negative, so simulated days are
 * floored at 0. With fewer than two weeks of history it falls back to the mean day and the spread
 * of the days (named in {@link Forecast#method()}). Amounts are in any unit (micro-USD as doubles
 * here: a forecast is an estimate, not money kept). Stateless and thread-safe.
 */
final class Forecaster {
  static final int SEASON = 7;
  static final int PATHS = 2000;
  private static final double[] ALPHAS = {0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9};
  private static final double[] BETAS = {0.0, 0.02, 0.05, 0.1, 0.2};
  private static final double[] GAMMAS = {0.05, 0.1, 0.2, 0.3, 0.5};

  /**
   * @param method the method and fitted parameters, in words
   * @param mean expected value per future day
   * @param paths simulated future days, {@code paths[p][h]}
   */
  record Forecast(String method, double[] mean, double[][] paths) {

    /** The {@code q}-quantile (0..1) of the sum of days {@code from..to-1} over the paths. */
    double sumQuantile(int from, int to, double q) {
      double[] sums = new double[paths.length];
      for (int p = 0; p < paths.length; p++) {
        for (int h = from; h < to; h++) {
          sums[p] += paths[p][h];
        }
      }
      Arrays.sort(sums);
      return sums[(int) Math.min(sums.length - 1, Math.round(q * (sums.length - 1)))];
    }

    /** The {@code q}-quantile of day {@code h} over the paths. */
    double dayQuantile(int h, double q) {
      double[] v = new double[paths.length];
      for (int p = 0; p < paths.length; p++) {
        v[p] = paths[p][h];
      }
      Arrays.sort(v);
      return v[(int) Math.min(v.length - 1, Math.round(q * (v.length - 1)))];
    }
  }

  /**
   * @param history one value per day, oldest first (days without spend are 0)
   * @param horizon days to forecast, from the day after the last one of the history
   */
  static Forecast forecast(double[] history, int horizon, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    if (history.length < 2 * SEASON) {
      return meanDay(history, horizon, random);
    }
    Fit best = null;
    for (double a : ALPHAS) {
      for (double b : BETAS) {
        for (double g : GAMMAS) {
          Fit f = fit(history, a, b, g);
          if (best == null || f.sse < best.sse) {
            best = f;
          }
        }
      }
    }
    double sigma = Math.sqrt(best.sse / Math.max(1, history.length - 2 * SEASON));
    double[] mean = new double[horizon];
    for (int h = 0; h < horizon; h++) {
      mean[h] = Math.max(0, best.level + (h + 1) * best.trend + best.season[(best.t + h) % SEASON]);
    }
    double[][] paths = new double[PATHS][horizon];
    for (int p = 0; p < PATHS; p++) {
      double level = best.level;
      double trend = best.trend;
      double[] season = best.season.clone();
      for (int h = 0; h < horizon; h++) {
        int s = (best.t + h) % SEASON;
        double predicted = level + trend + season[s];
        double e = sigma * random.nextGaussian();
        paths[p][h] = Math.max(0, predicted + e);
        double newLevel = level + trend + best.alpha * e;
        trend = trend + best.alpha * best.beta * e;
        season[s] = season[s] + best.gamma * e;
        level = newLevel;
      }
    }
    String method =
        String.format(
            java.util.Locale.ROOT,
            "Holt-Winters additive with weekly seasonality (alpha %.2f, beta %.2f, gamma %.2f,"
                + " fitted on %d days); intervals from %d simulated paths",
            best.alpha,
            best.beta,
            best.gamma,
            history.length,
            PATHS);
    return new Forecast(method, mean, paths);
  }

  /** The state after running the smoothing over the history, and its squared errors. */
  private static final class Fit {
    double alpha;
    double beta;
    double gamma;
    double level;
    double trend;
    double[] season = new double[SEASON];
    int t; // index into season of the next day
    double sse;
  }

  private static Fit fit(double[] y, double alpha, double beta, double gamma) {
    Fit f = new Fit();
    f.alpha = alpha;
    f.beta = beta;
    f.gamma = gamma;
    double first = 0;
    double second = 0;
    for (int i = 0; i < SEASON; i++) {
      first += y[i];
      second += y[SEASON + i];
    }
    first /= SEASON;
    second /= SEASON;
    f.level = first;
    f.trend = (second - first) / SEASON;
    for (int i = 0; i < SEASON; i++) {
      f.season[i] = (y[i] - first + y[SEASON + i] - second) / 2;
    }
    for (int i = SEASON; i < y.length; i++) {
      int s = i % SEASON;
      double predicted = f.level + f.trend + f.season[s];
      double e = y[i] - predicted;
      if (i >= 2 * SEASON) {
        f.sse += e * e;
      }
      double newLevel = f.level + f.trend + alpha * e;
      f.trend = f.trend + alpha * beta * e;
      f.season[s] = f.season[s] + gamma * e;
      f.level = newLevel;
    }
    f.t = y.length % SEASON;
    return f;
  }

  private static Forecast meanDay(double[] history, int horizon, SplittableRandom random) {
    double mean = 0;
    for (double v : history) {
      mean += v;
    }
    mean = history.length == 0 ? 0 : mean / history.length;
    double var = 0;
    for (double v : history) {
      var += (v - mean) * (v - mean);
    }
    double sigma = history.length < 2 ? mean / 2 : Math.sqrt(var / (history.length - 1));
    double[] means = new double[horizon];
    Arrays.fill(means, mean);
    double[][] paths = new double[PATHS][horizon];
    for (int p = 0; p < PATHS; p++) {
      for (int h = 0; h < horizon; h++) {
        paths[p][h] = Math.max(0, mean + sigma * random.nextGaussian());
      }
    }
    return new Forecast(
        "mean day and its spread ("
            + history.length
            + " days of history: too few for"
            + " Holt-Winters, which needs 14)",
        means,
        paths);
  }
}
