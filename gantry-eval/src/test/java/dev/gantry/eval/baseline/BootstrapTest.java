package dev.gantry.eval.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {
  private final Bootstrap bootstrap = new Bootstrap(42, 2000, 0.95);

  @Test
  void the_same_seed_gives_the_same_interval() {
    double[] b = {1, 0, 1, 1, 0, 1, 1, 1};
    double[] c = {1, 0, 0, 1, 0, 1, 0, 1};
    Interval first = bootstrap.pairedDelta(b, c, Bootstrap::mean);
    Interval second = new Bootstrap(42, 2000, 0.95).pairedDelta(b, c, Bootstrap::mean);
    Interval other = new Bootstrap(7, 2000, 0.95).pairedDelta(b, c, Bootstrap::mean);
    assertThat(second).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    assertThat(first.estimate()).isEqualTo(-0.25);
  }

  @Test
  void identical_runs_give_a_zero_interval() {
    double[] v = {0.2, 0.9, 0.4, 1.0};
    Interval i = bootstrap.pairedDelta(v, v.clone(), Bootstrap::mean);
    assertThat(i).isEqualTo(new Interval(0, 0, 0));
    assertThat(i.entirelyBelowZero()).isFalse();
  }

  @Test
  void half_the_cases_flipping_to_fail_is_significant() {
    double[] b = new double[20];
    double[] c = new double[20];
    for (int i = 0; i < 20; i++) {
      b[i] = 1;
      c[i] = i % 2 == 0 ? 0 : 1;
    }
    Interval i = bootstrap.pairedDelta(b, c, Bootstrap::mean);
    assertThat(i.estimate()).isEqualTo(-0.5);
    assertThat(i.entirelyBelowZero()).isTrue();
    assertThat(i.low()).isLessThan(-0.5);
    assertThat(i.high()).isGreaterThan(-0.5);
  }

  @Test
  void one_flip_in_ten_is_not_significant() {
    double[] b = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    double[] c = {1, 1, 1, 1, 1, 1, 1, 1, 1, 0};
    Interval i = bootstrap.pairedDelta(b, c, Bootstrap::mean);
    assertThat(i.high()).isEqualTo(0.0);
    assertThat(i.entirelyBelowZero()).isFalse();
  }

  @Test
  void covers_the_true_shift_of_a_noisy_sample() {
    SplittableRandom r = new SplittableRandom(3);
    double[] b = new double[200];
    double[] c = new double[200];
    for (int i = 0; i < b.length; i++) {
      b[i] = r.nextDouble();
      c[i] = b[i] + 0.1 + (r.nextDouble() - 0.5) * 0.2;
    }
    Interval i = bootstrap.pairedDelta(b, c, Bootstrap::mean);
    assertThat(i.estimate()).isCloseTo(0.1, within(0.02));
    assertThat(i.low()).isLessThan(0.1).isGreaterThan(0.08);
    assertThat(i.high()).isGreaterThan(0.1).isLessThan(0.12);
    assertThat(i.entirelyAboveZero()).isTrue();
  }

  @Test
  void percentiles_use_the_nearest_rank() {
    double[] v = {5, 1, 4, 2, 3, 6, 7, 8, 9, 10};
    assertThat(Bootstrap.percentile(v, 0.95)).isEqualTo(10);
    assertThat(Bootstrap.percentile(v, 0.5)).isEqualTo(5);
    assertThat(Bootstrap.quantile(new double[] {0, 10}, 0.25)).isEqualTo(2.5);
  }

  @Test
  void rejects_unpaired_or_tiny_inputs() {
    assertThatThrownBy(() -> bootstrap.pairedDelta(new double[2], new double[3], Bootstrap::mean))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Bootstrap(1, 10, 0.95)).hasMessageContaining("resamples");
  }
}
