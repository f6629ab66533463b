package dev.gantry.guardrails.safety;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import dev.gantry.ml.BatchEmbedding;
import dev.gantry.ml.Embedder;
import dev.gantry.ml.classify.LabeledVector;
import dev.gantry.ml.classify.LogisticModel;
import dev.gantry.ml.classify.LogisticTrainer;
import dev.gantry.ml.classify.Thresholds;
import dev.gantry.ml.classify.TrainingOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Trains the {@link SafetyClassifier}'s heads and writes its weights file.
 *
 * <ol>
 *   <li>A seeded {@value #HELD_BACK_PERCENT}% of the rows, stratified by source and label (equal
 *       texts stay together), is held back.
 *   <li>For each category, both heads learn from the rest, one-vs-rest: positives are the rows
 *       labelled with the category; negatives are safe rows and unsafe rows of categories that
 *       cannot overlap it (see {@link #eligible}). Toxicity sources label only "toxic", so an
 *       abusive tweet may also be hateful: such rows are left out of the other head rather than
 *       taught as negatives.
 *   <li>Each head's threshold is the one with the best F1 on the held-back rows eligible for it;
 *       the logits are stored shifted by it, so 0.5 is that operating point.
 * </ol>
 *
 * <p>Fits are well conditioned (standardised features, an L2 penalty, no weight for a feature whose
 * spread is rounding noise; see {@link LogisticTrainer}), and randomness comes only from the seed,
 * so the same data, seed and embeddings give a byte-identical file, and slightly different
 * embeddings (another CPU) give the same decisions. Stateless apart from the embedder.
 */
public final class SafetyTrainer {
  /** Share of rows held back to choose thresholds, in percent. */
  public static final int HELD_BACK_PERCENT = 20;

  static final TrainingOptions OPTIONS = TrainingOptions.defaults().withL2(1e-2).withEpochs(20);

  /** Significant digits kept of each weight. */
  private static final int DIGITS = 7;

  private final Embedder embedder;

  public SafetyTrainer(Embedder embedder) {
    this.embedder = embedder;
  }

  /** Categories that the toxicity sources' "toxic" may mix without saying so. */
  private static Set<SafetyCategory> overlapping(SafetyCategory c) {
    switch (c) {
      case HATE:
      case HARASSMENT:
      case VIOLENCE:
        return EnumSet.of(SafetyCategory.HATE, SafetyCategory.HARASSMENT, SafetyCategory.VIOLENCE);
      case SEXUAL:
      case SEXUAL_MINORS:
        return EnumSet.of(SafetyCategory.SEXUAL, SafetyCategory.SEXUAL_MINORS);
      case ILLICIT:
        return EnumSet.of(SafetyCategory.ILLICIT, SafetyCategory.VIOLENCE);
      default:
        return EnumSet.of(c);
    }
  }

  /**
   * Whether {@code r} is a positive (true) or negative (false) example of {@code c}, or neither
   * (null: an unsafe row that may belong to {@code c} without being labelled so).
   */
  static Boolean eligible(SafetyExample r, SafetyCategory c) {
    if (r.categories().contains(c)) {
      return true;
    }
    if (!r.unsafe()) {
      return false;
    }
    if (r.categories().isEmpty()) {
      return null;
    }
    for (SafetyCategory o : r.categories()) {
      if (overlapping(c).contains(o) || overlapping(o).contains(c)) {
        return null;
      }
    }
    return false;
  }

  /** What {@link #train} did. */
  public record Report(
      int rows,
      int trainedOn,
      int heldBack,
      SafetyEvaluation heldBackEvaluation,
      double largestWeight,
      Path weights) {
    public String summary() {
      return String.format(
              java.util.Locale.ROOT,
              "read %d rows; trained on %d, held back %d; largest |weight| %.3f%n",
              rows,
              trainedOn,
              heldBack,
              largestWeight)
          + "held-back figures (thresholds chosen on them):\n"
          + heldBackEvaluation.summary()
          + "weights written to "
          + weights
          + System.lineSeparator();
    }
  }

  /** The result of {@link #fit}. */
  record Trained(SafetyModel model, SafetyEvaluation heldBack, int trainedOn, int heldBackRows) {}

  /**
   * Trains on {@code rows} and writes the weights to {@code out}.
   *
   * @param dataName names the data in the file's provenance
   */
  public Report train(List<SafetyExample> rows, String dataName, Path out, long seed)
      throws IOException {
    Map<String, float[]> vectors = embed(rows);
    Trained t = fit(rows, vectors, seed);
    ObjectNode root = t.model.toJson();
    ObjectNode training = root.putObject("training");
    training.put("data", dataName);
    training.put("rows", rows.size());
    training.put("seed", seed);
    training.put("trainedOn", t.trainedOn);
    training.put("heldBack", t.heldBackRows);
    training.put("embedder", embedder.getClass().getSimpleName() + "/" + embedder.dimensions());
    training.put("l2", OPTIONS.l2());
    training.put("epochs", OPTIONS.epochs());
    ObjectNode figures = training.putObject("heldBackFigures");
    figures.put("precision", round(t.heldBack.overall().precision()));
    figures.put("recall", round(t.heldBack.overall().recall()));
    figures.put("f1", round(t.heldBack.overall().f1()));
    ObjectNode per = figures.putObject("f1ByCategory");
    t.heldBack.byCategory().forEach((c, m) -> per.put(c.configName(), round(m.f1())));
    // Provenance first, models after, for a reader of the file.
    ObjectNode ordered = Json.MAPPER.createObjectNode();
    ordered.set("format", root.get("format"));
    ordered.set("buckets", root.get("buckets"));
    ordered.set("training", training);
    ordered.set("heads", root.get("heads"));
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
    Files.writeString(
        out,
        Json.MAPPER.writer(printer).writeValueAsString(ordered) + "\n",
        StandardCharsets.UTF_8);
    return new Report(rows.size(), t.trainedOn, t.heldBackRows, t.heldBack, largest(t.model), out);
  }

  /** Every row's embedding of its first 1,000 characters, by that window. */
  public Map<String, float[]> embed(List<SafetyExample> rows) {
    List<String> texts = new ArrayList<>(rows.size());
    for (SafetyExample r : rows) {
      texts.add(dev.gantry.guardrails.GuardText.window(r.text()));
    }
    return BatchEmbedding.embed(embedder, texts, "gantry-safety-trainer");
  }

  static double largest(SafetyModel m) {
    double max = 0;
    for (SafetyModel.Head h : m.heads.values()) {
      for (LogisticModel lm : List.of(h.full(), h.lexical())) {
        for (double w : lm.weights()) {
          max = Math.max(max, Math.abs(w));
        }
      }
    }
    return max;
  }

  /** A row with its features. */
  private record Prepared(SafetyExample row, double[] lexical, double[] full) {}

  /**
   * Fits every head on {@code rows} (embeddings looked up in {@code vectors}, keyed by {@link
   * dev.gantry.guardrails.GuardText#window}), holding back a share to choose thresholds.
   */
  Trained fit(List<SafetyExample> rows, Map<String, float[]> vectors, long seed) {
    return fit(rows, vectors, seed, true);
  }

  /**
   * As {@link #fit(List, Map, long)}; with {@code lexicalHeads} false the lexical heads are copies
   * of a trivial model (for measurements of the full heads, at half the cost).
   */
  Trained fit(
      List<SafetyExample> rows, Map<String, float[]> vectors, long seed, boolean lexicalHeads) {
    SplittableRandom root = new SplittableRandom(seed);
    RandomGenerator splitRandom = root.split();
    List<Prepared> all = new ArrayList<>(rows.size());
    for (SafetyExample r : rows) {
      double[] lexical = SafetyFeatures.lexical(r.text());
      float[] e = vectors.get(dev.gantry.guardrails.GuardText.window(r.text()));
      if (e == null) {
        e = new float[embedder.dimensions()];
      }
      all.add(new Prepared(r, lexical, SafetyFeatures.full(e, lexical)));
    }
    boolean[] held = holdBack(rows, splitRandom);
    List<Prepared> fit = new ArrayList<>();
    List<Prepared> back = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      (held[i] ? back : fit).add(all.get(i));
    }
    Map<SafetyCategory, SafetyModel.Head> heads = new EnumMap<>(SafetyCategory.class);
    for (SafetyCategory c : SafetyCategory.values()) {
      RandomGenerator fullRandom = root.split();
      RandomGenerator lexicalRandom = root.split();
      List<LabeledVector> fullExamples = new ArrayList<>();
      List<LabeledVector> lexicalExamples = new ArrayList<>();
      for (Prepared p : fit) {
        Boolean label = eligible(p.row, c);
        if (label != null) {
          fullExamples.add(new LabeledVector(p.full, label));
          lexicalExamples.add(new LabeledVector(p.lexical, label));
        }
      }
      boolean bothClasses =
          fullExamples.stream().anyMatch(LabeledVector::positive)
              && fullExamples.stream().anyMatch(e -> !e.positive());
      LogisticModel full =
          bothClasses
              ? new LogisticTrainer(OPTIONS).fit(fullExamples, fullRandom).compact(DIGITS)
              : never(fullExamples.isEmpty() ? 0 : fullExamples.get(0).features().length);
      LogisticModel lexical =
          bothClasses && lexicalHeads
              ? new LogisticTrainer(OPTIONS).fit(lexicalExamples, lexicalRandom).compact(DIGITS)
              : never(SafetyFeatures.LEXICAL_DIMENSIONS);
      List<double[]> fullScores = new ArrayList<>();
      List<double[]> lexicalScores = new ArrayList<>();
      List<Boolean> labels = new ArrayList<>();
      for (Prepared p : back) {
        Boolean label = eligible(p.row, c);
        if (label != null) {
          fullScores.add(new double[] {full.logit(p.full)});
          lexicalScores.add(new double[] {lexical.logit(p.lexical)});
          labels.add(label);
        }
      }
      heads.put(
          c,
          new SafetyModel.Head(
              full, lexical, threshold(fullScores, labels), threshold(lexicalScores, labels)));
    }
    SafetyModel model = new SafetyModel(heads);
    SafetyClassifier classifier = new SafetyClassifier(null, model);
    List<SafetyExample> backRows = new ArrayList<>();
    List<Set<SafetyCategory>> flagged = new ArrayList<>();
    for (Prepared p : back) {
      backRows.add(p.row);
      flagged.add(flagged(classifier.scoreFull(p.full), 0.5));
    }
    return new Trained(model, SafetyEvaluation.of(backRows, flagged), fit.size(), back.size());
  }

  /**
   * A head that never fires, for a category without training examples of both classes (only when a
   * measurement leaves out the one source that has them), or in place of the lexical heads when a
   * measurement does not need them.
   */
  private static LogisticModel never(int dimensions) {
    double[] ones = new double[dimensions];
    java.util.Arrays.fill(ones, 1);
    return new LogisticModel(new double[dimensions], ones, new double[dimensions], -20);
  }

  /** The categories whose score reaches {@code threshold}. */
  static Set<SafetyCategory> flagged(SafetyVerdict v, double threshold) {
    Set<SafetyCategory> out = EnumSet.noneOf(SafetyCategory.class);
    v.scores()
        .forEach(
            (c, s) -> {
              if (s >= threshold) {
                out.add(c);
              }
            });
    return out;
  }

  private static double threshold(List<double[]> scores, List<Boolean> labels) {
    double[] s = new double[scores.size()];
    boolean[] y = new boolean[scores.size()];
    boolean any = false;
    for (int i = 0; i < s.length; i++) {
      s[i] = scores.get(i)[0];
      y[i] = labels.get(i);
      any |= y[i];
    }
    // Without held-back positives there is nothing to choose on: keep the fitted boundary.
    return s.length == 0 || !any ? 0 : Thresholds.maxF1(s, y);
  }

  /**
   * Marks the held-back rows: within each source and label, rows with equal (lower-cased) text
   * together, {@value #HELD_BACK_PERCENT}% of them at random.
   */
  private static boolean[] holdBack(List<SafetyExample> rows, RandomGenerator random) {
    Map<String, List<List<Integer>>> strata = new LinkedHashMap<>();
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      SafetyExample r = rows.get(i);
      String key = r.text().strip().toLowerCase(java.util.Locale.ROOT);
      List<Integer> g = groups.get(key);
      if (g == null) {
        g = new ArrayList<>();
        groups.put(key, g);
        strata.computeIfAbsent(r.source() + "|" + r.unsafe(), k -> new ArrayList<>()).add(g);
      }
      g.add(i);
    }
    boolean[] held = new boolean[rows.size()];
    for (List<List<Integer>> stratum : strata.values()) {
      List<List<Integer>> shuffled = new ArrayList<>(stratum);
      for (int i = shuffled.size() - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        List<Integer> t = shuffled.get(i);
        shuffled.set(i, shuffled.get(j));
        shuffled.set(j, t);
      }
      int take = (int) Math.round(shuffled.size() * HELD_BACK_PERCENT / 100.0);
      for (int i = 0; i < take; i++) {
        for (int row : shuffled.get(i)) {
          held[row] = true;
        }
      }
    }
    return held;
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
