package dev.gantry.guardrails.grounding;

import dev.gantry.ml.Embedder;
import dev.gantry.ml.classify.LabeledVector;
import dev.gantry.ml.classify.LogisticModel;
import dev.gantry.ml.classify.LogisticTrainer;
import dev.gantry.ml.classify.Metrics;
import dev.gantry.ml.classify.TrainingOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Fits and measures the grounding model: answer-level features (the worst value over an answer's
 * claims, so that a single-sentence answer is exactly its claim), a logistic fit with balanced
 * classes, and the threshold that maximises balanced accuracy on the training items. An answer with
 * a comparison the sources contradict is flagged whatever the model says, as the checker does.
 */
final class GroundingMeasurement {
  static final long SEED = 20261207L;
  static final int SIMILARITY = GroundingModel.FEATURES.indexOf("similarity");
  static final int VERBATIM = GroundingModel.FEATURES.indexOf("verbatim");

  /**
   * One item with its features computed once.
   *
   * @param contradicted a claim of the answer is a comparison the sources contradict
   */
  record Scored(GroundingData.Item item, double[] features, boolean contradicted) {}

  private GroundingMeasurement() {}

  static List<Scored> score(List<GroundingData.Item> items, Embedder embedder) {
    GroundingChecker checker = new GroundingChecker(embedder, placeholder());
    List<Scored> out = new ArrayList<>();
    for (GroundingData.Item it : items) {
      List<Claim> claims = Claim.split(it.answer());
      Evidence e = new Evidence(List.of(it.source()));
      List<ClaimFeatures> f = checker.features(claims, e, it.question(), Terms.of(it.question()));
      boolean contradicted = false;
      for (ClaimFeatures c : f) {
        contradicted |= !c.comparison().isEmpty();
      }
      out.add(new Scored(it, worst(f), contradicted));
    }
    return out;
  }

  /** Per feature, the value that speaks most against grounding over the answer's claims. */
  static double[] worst(List<ClaimFeatures> claims) {
    int d = GroundingModel.FEATURES.size();
    double[] w = new double[d];
    if (claims.isEmpty()) {
      return w;
    }
    w = claims.get(0).vector();
    for (int i = 1; i < claims.size(); i++) {
      double[] v = claims.get(i).vector();
      for (int j = 0; j < d; j++) {
        w[j] = j == SIMILARITY || j == VERBATIM ? Math.min(w[j], v[j]) : Math.max(w[j], v[j]);
      }
    }
    return w;
  }

  static GroundingModel fit(List<Scored> train) {
    List<LabeledVector> examples = new ArrayList<>();
    for (Scored s : train) {
      examples.add(new LabeledVector(s.features(), s.item().hallucinated()));
    }
    LogisticModel m =
        new LogisticTrainer(TrainingOptions.defaults().withL2(1e-2))
            .fit(examples, new SplittableRandom(SEED))
            .compact(6);
    double best = -1;
    double threshold = 0.5;
    for (int k = 1; k < 100; k++) {
      double t = k / 100.0;
      double ba = balancedAccuracy(new GroundingModel(m, t), train);
      if (ba > best + 1e-12) {
        best = ba;
        threshold = t;
      }
    }
    // Shift the bias so that the chosen threshold becomes 0.5: a configured threshold of 0.5 (the
    // default) then means the measured operating point.
    double shift = Math.log(threshold / (1 - threshold));
    int d = m.dimensions();
    double[] ones = new double[d];
    java.util.Arrays.fill(ones, 1);
    return new GroundingModel(
        new LogisticModel(new double[d], ones, m.weights(), m.bias() - shift), 0.5);
  }

  static double balancedAccuracy(GroundingModel model, List<Scored> items) {
    return balanced(items, s -> model.risk(s.features(), s.contradicted()) >= model.threshold());
  }

  static double baselineSubstring(List<Scored> items) {
    return balanced(items, s -> !Baselines.substring(s.item().answer(), s.item().source()));
  }

  /** Token overlap with its threshold chosen on {@code train}, measured on {@code test}. */
  static double baselineOverlap(List<Scored> train, List<Scored> test) {
    double best = -1;
    double threshold = 0;
    for (int k = 0; k <= 100; k++) {
      double t = k / 100.0;
      double ba = balanced(train, s -> overlap(s) < t);
      if (ba > best + 1e-12) {
        best = ba;
        threshold = t;
      }
    }
    double chosen = threshold;
    return balanced(test, s -> overlap(s) < chosen);
  }

  private static double overlap(Scored s) {
    return Baselines.overlap(s.item().answer(), s.item().source());
  }

  /** Balanced accuracy of flagging hallucinated answers. */
  static double balanced(List<Scored> items, Predicate<Scored> flags) {
    boolean[] flagged = new boolean[items.size()];
    boolean[] positive = new boolean[items.size()];
    for (int i = 0; i < items.size(); i++) {
      flagged[i] = flags.test(items.get(i));
      positive[i] = items.get(i).item().hallucinated();
    }
    Metrics m = Metrics.of(flagged, positive);
    return (m.recall() + 1 - m.falsePositiveRate()) / 2;
  }

  static List<Scored> where(List<Scored> items, Predicate<Scored> p) {
    List<Scored> out = new ArrayList<>();
    for (Scored s : items) {
      if (p.test(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /** A model whose weights do not matter (for computing features only). */
  static GroundingModel placeholder() {
    int d = GroundingModel.FEATURES.size();
    double[] ones = new double[d];
    java.util.Arrays.fill(ones, 1);
    return new GroundingModel(new LogisticModel(new double[d], ones, new double[d], 0), 0.5);
  }

  static String pct(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
