package dev.gantry.gateway.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ForecasterTest {
  /** A weekly shape: busy weekdays, quiet weekends. */
  static final double[] WEEK = {30, 30, 30, 30, 30, -60, -90};

  static double truth(int day) {
    return 200 + 3 * day + WEEK[day % 7];
  }

  static double[] history(int days, double noise, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] y = new double[days];
    for (int d = 0; d < days; d++) {
      y[d] = truth(d) + noise * r.nextGaussian();
    }
    return y;
  }

  @Test
  void follows_a_known_trend_and_weekly_season() {
    int days = 56;
    int horizon = 14;
    Forecaster.Forecast f = Forecaster.forecast(history(days, 8, 11), horizon, 1);
    assertThat(f.method()).startsWith("Holt-Winters additive with weekly seasonality");
    double trueSum = 0;
    for (int h = 0; h < horizon; h++) {
      double want = truth(days + h);
      trueSum += want;
      assertThat(f.mean()[h])
          .as("day " + h)
          .isCloseTo(want, org.assertj.core.data.Offset.offset(35.0));
    }
    double low = f.sumQuantile(0, horizon, 0.025);
    double high = f.sumQuantile(0, horizon, 0.975);
    assertThat(trueSum).isBetween(low, high);
    assertThat(high - low).as("a useful interval").isLessThan(trueSum * 0.3);
    assertThat(f.dayQuantile(5, 0.5)).as("a Saturday").isLessThan(f.dayQuantile(4, 0.5));
  }

  @Test
  void is_reproducible() {
    double[] y = history(35, 5, 3);
    assertThat(Forecaster.forecast(y, 10, 9).sumQuantile(0, 10, 0.9))
        .isEqualTo(Forecaster.forecast(y, 10, 9).sumQuantile(0, 10, 0.9));
  }

  @Test
  void falls_back_to_the_mean_day_with_little_history_and_never_goes_negative() {
    Forecaster.Forecast f = Forecaster.forecast(new double[] {10, 0, 20}, 5, 1);
    assertThat(f.method()).startsWith("mean day");
    assertThat(f.mean()).containsOnly(10.0);
    assertThat(f.sumQuantile(0, 5, 0.0)).isGreaterThanOrEqualTo(0);
  }
}
