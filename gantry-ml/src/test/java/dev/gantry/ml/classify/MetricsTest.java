package dev.gantry.ml.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTest {
  static final double[] SCORES = {0.9, 0.8, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1};
  static final boolean[] LABELS = {true, true, false, true, false, true, false, false};

  @Test
  void counts_and_rates_at_a_threshold() {
    Metrics m = Metrics.at(SCORES, LABELS, 0.5);
    assertThat(m).isEqualTo(new Metrics(3, 1, 3, 1));
    assertThat(m.precision()).isEqualTo(0.75);
    assertThat(m.recall()).isEqualTo(0.75);
    assertThat(m.f1()).isEqualTo(0.75);
    assertThat(m.falsePositiveRate()).isEqualTo(0.25);
    assertThat(m.accuracy()).isEqualTo(0.75);
  }

  @Test
  void empty_denominators_give_zero_not_nan() {
    Metrics none = new Metrics(0, 0, 5, 0);
    assertThat(none.precision()).isZero();
    assertThat(none.recall()).isZero();
    assertThat(none.f1()).isZero();
    assertThat(none.falsePositiveRate()).isZero();
  }

  @Test
  void max_f1_threshold_lies_between_scores() {
    double t = Thresholds.maxF1(SCORES, LABELS);
    // Flagging down to 0.6 gives F1 = 6/8; down to 0.3, 8/10; everything, 8/12.
    assertThat(t).isCloseTo(0.25, within(1e-12));
    assertThat(Metrics.at(SCORES, LABELS, t).f1()).isCloseTo(0.8, within(1e-12));
  }

  @Test
  void fpr_threshold_takes_the_most_recall_within_the_bound() {
    assertThat(Thresholds.forMaxFalsePositiveRate(SCORES, LABELS, 0.0))
        .isCloseTo(0.75, within(1e-12));
    assertThat(Thresholds.forMaxFalsePositiveRate(SCORES, LABELS, 0.25))
        .isCloseTo(0.5, within(1e-12));
    assertThat(Thresholds.forMaxFalsePositiveRate(SCORES, LABELS, 1.0)).isLessThan(0.1);
  }

  @Test
  void decisions_and_sums() {
    Metrics m = Metrics.of(new boolean[] {true, false}, new boolean[] {true, true});
    assertThat(m).isEqualTo(new Metrics(1, 0, 0, 1));
    assertThat(m.plus(m).total()).isEqualTo(4);
  }
}
