package dev.gantry.ml.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogisticTrainerTest {

  /** Two Gaussian blobs in 5 dimensions; only the first two features separate them. */
  static List<LabeledVector> blobs(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    List<LabeledVector> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean pos = i % 3 == 0;
      double[] x = new double[5];
      for (int j = 0; j < 5; j++) {
        x[j] = r.nextGaussian() * (j == 4 ? 100 : 1);
      }
      if (pos) {
        x[0] += 2.5;
        x[1] -= 2.0;
      }
      out.add(new LabeledVector(x, pos));
    }
    return out;
  }

  @Test
  void separates_two_blobs_and_ignores_noise_features() {
    LogisticModel model =
        new LogisticTrainer(TrainingOptions.defaults()).fit(blobs(1, 600), new SplittableRandom(7));
    List<LabeledVector> test = blobs(2, 600);
    double[] scores = new double[test.size()];
    boolean[] labels = new boolean[test.size()];
    for (int i = 0; i < test.size(); i++) {
      scores[i] = model.probability(test.get(i).features());
      labels[i] = test.get(i).positive();
    }
    assertThat(Metrics.at(scores, labels, 0.5).accuracy()).isGreaterThan(0.9);
    double[] w = model.weights();
    assertThat(w[0]).isGreaterThan(1);
    assertThat(w[1]).isLessThan(-1);
    assertThat(Math.abs(w[4])).isLessThan(0.3);
  }

  @Test
  void same_seed_gives_identical_weights_and_json() {
    LogisticTrainer trainer = new LogisticTrainer(TrainingOptions.defaults().withEpochs(5));
    LogisticModel a = trainer.fit(blobs(3, 300), new SplittableRandom(42));
    LogisticModel b = trainer.fit(blobs(3, 300), new SplittableRandom(42));
    LogisticModel c = trainer.fit(blobs(3, 300), new SplittableRandom(43));
    assertThat(a).isEqualTo(b);
    assertThat(a.toJson().toString()).isEqualTo(b.toJson().toString());
    assertThat(a).isNotEqualTo(c);
  }

  @Test
  void json_round_trip_gives_an_equal_model() {
    LogisticModel model =
        new LogisticTrainer(TrainingOptions.defaults().withEpochs(3))
            .fit(blobs(4, 200), new SplittableRandom(1));
    LogisticModel back = LogisticModel.fromJson(model.toJson());
    assertThat(back).isEqualTo(model);
    double[] x = blobs(5, 1).get(0).features();
    assertThat(back.probability(x)).isEqualTo(model.probability(x));
  }

  @Test
  void compact_model_scores_like_the_original_and_writes_no_standardisation() {
    LogisticModel model =
        new LogisticTrainer(TrainingOptions.defaults().withEpochs(5))
            .fit(blobs(8, 300), new SplittableRandom(1));
    LogisticModel compact = model.compact(7);
    for (LabeledVector v : blobs(9, 50)) {
      assertThat(compact.logit(v.features()))
          .isCloseTo(model.logit(v.features()), org.assertj.core.api.Assertions.within(1e-4));
    }
    assertThat(compact.toJson().has("mean")).isFalse();
    assertThat(compact.toJson().toString().length())
        .isLessThan(model.toJson().toString().length() / 2);
    assertThat(LogisticModel.fromJson(compact.toJson())).isEqualTo(compact);
    assertThat(compact.toJson().get("weights").get(0).toString()).hasSizeLessThan(14);
  }

  @Test
  void reading_rejects_a_model_with_the_wrong_number_of_weights() {
    var json =
        new LogisticModel(new double[] {0, 0}, new double[] {1, 1}, new double[] {1, 2}, 0)
            .toJson();
    json.put("dimensions", 3);
    assertThatThrownBy(() -> LogisticModel.fromJson(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'weights'");
  }

  @Test
  void training_needs_both_classes() {
    List<LabeledVector> onlyNegatives = List.of(new LabeledVector(new double[] {1}, false));
    assertThatThrownBy(
            () ->
                new LogisticTrainer(TrainingOptions.defaults())
                    .fit(onlyNegatives, new SplittableRandom(1)))
        .hasMessageContaining("both classes");
  }

  @Test
  void l2_shrinks_the_weights() {
    List<LabeledVector> data = blobs(6, 300);
    double loose =
        norm(
            new LogisticTrainer(TrainingOptions.defaults().withL2(0))
                .fit(data, new SplittableRandom(1)));
    double tight =
        norm(
            new LogisticTrainer(TrainingOptions.defaults().withL2(0.5))
                .fit(data, new SplittableRandom(1)));
    assertThat(tight).isLessThan(loose / 2);
  }

  private static double norm(LogisticModel m) {
    double s = 0;
    for (double w : m.weights()) {
      s += w * w;
    }
    return Math.sqrt(s);
  }

  @Test
  void options_name_the_invalid_value() {
    assertThatThrownBy(() -> new TrainingOptions(-1, 0.01, 1, 1, true, 0))
        .hasMessageContaining("l2")
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> new TrainingOptions(0, 0.01, 0, 1, true, 0))
        .hasMessageContaining("epochs");
    assertThatThrownBy(() -> TrainingOptions.defaults().withMinStandardDeviation(-1))
        .hasMessageContaining("minStandardDeviation");
  }

  /**
   * The blobs plus a sixth feature that is zero up to rounding noise (as an embedding dimension a
   * quantised encoder leaves empty), here noise that happens to follow the label.
   */
  static List<LabeledVector> withNoiseFeature(List<LabeledVector> data, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<LabeledVector> out = new ArrayList<>();
    for (LabeledVector v : data) {
      double[] x = java.util.Arrays.copyOf(v.features(), 6);
      x[5] = (v.positive() ? 2e-8 : -2e-8) + r.nextGaussian() * 1e-8;
      out.add(new LabeledVector(x, v.positive()));
    }
    return out;
  }

  @Test
  void a_feature_that_only_carries_rounding_noise_gets_no_weight() {
    LogisticModel model =
        new LogisticTrainer(TrainingOptions.defaults())
            .fit(withNoiseFeature(blobs(10, 600), 1), new SplittableRandom(7));
    assertThat(model.weights()[5]).isZero();
    double[] stored = model.compact(7).weights();
    for (double w : stored) {
      assertThat(Math.abs(w)).isLessThan(100);
    }
    LogisticModel unguarded =
        new LogisticTrainer(TrainingOptions.defaults().withMinStandardDeviation(0))
            .fit(withNoiseFeature(blobs(10, 600), 1), new SplittableRandom(7));
    assertThat(Math.abs(unguarded.compact(7).weights()[5]))
        .as("without the floor the noise feature is what the model leans on")
        .isGreaterThan(1e6);
  }

  @Test
  void inputs_perturbed_by_rounding_noise_give_nearly_the_same_weights_and_decisions() {
    List<LabeledVector> data = withNoiseFeature(blobs(11, 600), 2);
    SplittableRandom noise = new SplittableRandom(3);
    List<LabeledVector> perturbed = new ArrayList<>();
    for (LabeledVector v : data) {
      double[] x = v.features().clone();
      for (int j = 0; j < x.length; j++) {
        x[j] += noise.nextGaussian() * 1e-6 * Math.max(1e-8, Math.abs(x[j]));
      }
      perturbed.add(new LabeledVector(x, v.positive()));
    }
    LogisticTrainer trainer = new LogisticTrainer(TrainingOptions.defaults());
    LogisticModel a = trainer.fit(data, new SplittableRandom(5)).compact(7);
    LogisticModel b = trainer.fit(perturbed, new SplittableRandom(5)).compact(7);
    for (int j = 0; j < a.dimensions(); j++) {
      assertThat(b.weights()[j])
          .as("weight %d", j)
          .isCloseTo(a.weights()[j], org.assertj.core.api.Assertions.within(1e-3));
    }
    int agree = 0;
    List<LabeledVector> test = withNoiseFeature(blobs(12, 1000), 4);
    for (LabeledVector v : test) {
      agree += (a.logit(v.features()) >= 0) == (b.logit(v.features()) >= 0) ? 1 : 0;
    }
    assertThat(agree).isGreaterThanOrEqualTo(995);
  }
}
