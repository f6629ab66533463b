package dev.gantry.guardrails.injection;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import dev.gantry.ml.BatchEmbedding;
import dev.gantry.ml.Embedder;
import dev.gantry.ml.classify.LabeledVector;
import dev.gantry.ml.classify.LogisticModel;
import dev.gantry.ml.classify.LogisticTrainer;
import dev.gantry.ml.classify.Metrics;
import dev.gantry.ml.classify.Thresholds;
import dev.gantry.ml.classify.TrainingOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Trains the classifier layer of {@link InjectionDetector} from labelled JSON Lines and writes its
 * weights file.
 *
 * <ol>
 *   <li>Rows are grouped so that texts sharing a line of at least 20 characters (a document and its
 *       attacked copies, one attack inserted into several documents) stay together, and a seeded
 *       {@value #HELD_BACK_PERCENT}% of groups, stratified by kind, is held back.
 *   <li>On the rest, the document model learns from whole-text embeddings and hand features, each
 *       injection row weighted by one over the square root of its kind's size. The unit lexical
 *       model learns from the lines and sentences of multi-unit texts: every unit of a benign text
 *       is a negative, and every unit of an injection that occurs in no benign text is a positive
 *       (a unit shared with a benign text is the clean document around the attack). The unit
 *       embedding model learns from the same labels on the units the lexical model ranks highest,
 *       which are the ones it will see in use.
 *   <li>The thresholds are chosen on the held-back rows: the one of each model that maximises its
 *       own F1, then a common shift per role that maximises F1 of the whole detector (rules
 *       included): for prompts while flagging at most {@value #MAX_BENIGN_KIND_FPR_PERCENT}% of
 *       every benign kind, for documents ({@link #isDocument}) at most {@value
 *       #MAX_DOCUMENT_FPR_PERCENT}% of clean ones. The figures at those thresholds are reported.
 * </ol>
 *
 * <p>Randomness comes only from {@link SplittableRandom}s split from the seed, and all arithmetic
 * runs in a fixed order, so the same data, seed and embeddings give a byte-identical weights file.
 * Embeddings come from ONNX Runtime and differ in their last bits between CPU types, so on another
 * machine the file differs; the fits are well conditioned (standardised features, an L2 penalty,
 * and no weight for a feature that only carries rounding noise, see {@link LogisticTrainer}), so
 * the retrained model's decisions agree with the bundled one's. One call embeds every text once, in
 * fixed batches spread over the available cores: a few minutes for a few thousand rows. Instances
 * are stateless apart from the embedder and may be shared.
 */
public final class InjectionTrainer {
  /** Share of rows held back to choose thresholds and measure, in percent. */
  public static final int HELD_BACK_PERCENT = 20;

  /** Most any kind of benign prompt may be flagged at the chosen threshold, in percent. */
  static final int MAX_BENIGN_KIND_FPR_PERCENT = 5;

  /** Most clean documents may be flagged at the document operating point, in percent. */
  static final int MAX_DOCUMENT_FPR_PERCENT = 3;

  /** Units per text the unit embedding model scores. */
  static final int UNITS_EMBEDDED = 2;

  static final TrainingOptions DOCUMENT_OPTIONS = TrainingOptions.defaults().withL2(1e-2);
  static final TrainingOptions UNIT_OPTIONS = TrainingOptions.defaults().withL2(1e-2);

  /** Units shorter than this do not tie two rows into one group. */
  private static final int GROUPING_UNIT_CHARS = 20;

  /** Significant digits kept of each weight: the file stays small, scores move by ~1e-7. */
  private static final int DIGITS = 7;

  /** Stands in for "no unit" and for "a rule matched" when choosing thresholds. */
  private static final double FAR = 1e9;

  private final Embedder embedder;

  /**
   * @param embedder the embedder the detector will use; weights trained with one embedder only work
   *     with it
   */
  public InjectionTrainer(Embedder embedder) {
    this.embedder = embedder;
  }

  /**
   * Trains on {@code jsonlData} (lines of {@code {"text", "label": "injection"|"benign", "kind"}})
   * and writes the weights to {@code outWeights}, replacing it.
   */
  public TrainingReport train(Path jsonlData, Path outWeights, long seed) throws IOException {
    return train(List.of(jsonlData), outWeights, seed);
  }

  /**
   * Trains on the rows of several files together (e.g. the upstream data and a supplement), in the
   * order given; the weights record every file's name and the hash of their concatenation.
   */
  public TrainingReport train(List<Path> jsonlData, Path outWeights, long seed) throws IOException {
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    List<LabeledText> rows = new java.util.ArrayList<>();
    List<String> names = new java.util.ArrayList<>();
    for (Path p : jsonlData) {
      all.write(Files.readAllBytes(p));
      rows.addAll(LabeledText.readJsonl(p));
      names.add(p.getFileName().toString());
    }
    byte[] data = all.toByteArray();
    Trained t = fit(rows, seed);
    ObjectNode json = weightsJson(t, String.join("+", names), sha256(data), seed);
    Files.write(outWeights, serialise(json));
    return new TrainingReport(
        rows.size(),
        t.trainedOn,
        t.heldBack,
        seed,
        t.evaluation,
        t.model.documentThreshold,
        t.model.unitThreshold,
        Map.of(
            "document", largest(t.model.document),
            "unitLexical", largest(t.model.unitLexical),
            "unitEmbedding", largest(t.model.unitEmbedding)),
        outWeights);
  }

  /** The largest absolute weight of a model as stored. */
  static double largest(LogisticModel m) {
    double max = 0;
    for (double w : m.weights()) {
      max = Math.max(max, Math.abs(w));
    }
    return max;
  }

  /** The result of {@link #fit}. */
  static final class Trained {
    final InjectionModel model;
    final InjectionEvaluation evaluation;
    final int trainedOn;
    final int heldBack;

    Trained(InjectionModel model, InjectionEvaluation evaluation, int trainedOn, int heldBack) {
      this.model = model;
      this.evaluation = evaluation;
      this.trainedOn = trainedOn;
      this.heldBack = heldBack;
    }
  }

  /** A row after layer 1. */
  private record Prepared(LabeledText row, Heuristics.Result heuristics, List<String> units) {
    String clean() {
      return heuristics.normalized().clean();
    }
  }

  Trained fit(List<LabeledText> rows, long seed) {
    SplittableRandom root = new SplittableRandom(seed);
    RandomGenerator splitRandom = root.split();
    RandomGenerator documentRandom = root.split();
    RandomGenerator lexicalRandom = root.split();
    RandomGenerator unitRandom = root.split();

    List<Prepared> all = new ArrayList<>(rows.size());
    for (LabeledText r : rows) {
      Heuristics.Result h = Heuristics.check(r.text());
      all.add(new Prepared(r, h, Segmenter.units(h.normalized().clean())));
    }
    boolean[] held = holdBack(all, splitRandom);
    List<Prepared> fit = new ArrayList<>();
    List<Prepared> back = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      (held[i] ? back : fit).add(all.get(i));
    }
    requireBothClasses(fit, "training part");
    requireBothClasses(back, "held-back part");

    List<String> docTexts = new ArrayList<>(all.size());
    for (Prepared p : all) {
      docTexts.add(InjectionModel.documentText(p.clean()));
    }
    Map<String, float[]> docVectors = embed(docTexts);

    // Attack kinds differ a lot in size (direct requests are a few percent of the attacks): each
    // injection row weighs 1 / sqrt(rows of its kind), rescaled to a mean of 1, so the small kinds
    // are not drowned by the large ones without letting a hundred rows dominate.
    Map<String, Integer> kindCounts = new HashMap<>();
    for (Prepared p : fit) {
      if (p.row.injection()) {
        kindCounts.merge(p.row.kind(), 1, Integer::sum);
      }
    }
    double weightSum = 0;
    int injections = 0;
    for (int c : kindCounts.values()) {
      weightSum += c / Math.sqrt(c);
      injections += c;
    }
    double scale = injections / weightSum;
    List<LabeledVector> docExamples = new ArrayList<>(fit.size());
    for (Prepared p : fit) {
      if (p.clean().isBlank()) {
        continue;
      }
      float[] e = docVectors.get(InjectionModel.documentText(p.clean()));
      double weight = p.row.injection() ? scale / Math.sqrt(kindCounts.get(p.row.kind())) : 1;
      docExamples.add(
          new LabeledVector(Features.document(e, p.heuristics), p.row.injection(), weight));
    }
    LogisticModel document =
        new LogisticTrainer(DOCUMENT_OPTIONS).fit(docExamples, documentRandom).compact(DIGITS);

    Set<String> benignUnits = new HashSet<>();
    for (Prepared p : fit) {
      if (!p.row.injection()) {
        for (String u : p.units) {
          benignUnits.add(key(u));
        }
      }
    }
    LogisticModel lexical = fitLexical(fit, benignUnits, lexicalRandom);
    LogisticModel unitEmbedding = fitUnitEmbedding(fit, benignUnits, lexical, unitRandom);

    InjectionModel provisional =
        new InjectionModel(document, lexical, unitEmbedding, 0, 0, UNITS_EMBEDDED);
    int n = back.size();
    double[] docLogits = new double[n];
    double[] unitLogits = new double[n];
    boolean[] ruled = new boolean[n];
    boolean[] positive = new boolean[n];
    for (int i = 0; i < n; i++) {
      Prepared p = back.get(i);
      positive[i] = p.row.injection();
      ruled[i] = p.heuristics.flagged();
      if (p.clean().isBlank()) {
        docLogits[i] = -FAR;
        unitLogits[i] = -FAR;
        continue;
      }
      InjectionModel.Score s =
          provisional.score(
              p.heuristics, docVectors.get(InjectionModel.documentText(p.clean())), embedder);
      docLogits[i] = Math.max(-FAR, s.documentLogit());
      unitLogits[i] = Math.max(-FAR, s.unitLogit());
    }
    double documentThreshold = Thresholds.maxF1(docLogits, positive);
    double unitThreshold = Thresholds.maxF1(unitLogits, positive);
    double[] margins = new double[n];
    for (int i = 0; i < n; i++) {
      margins[i] =
          ruled[i]
              ? FAR
              : Math.max(docLogits[i] - documentThreshold, unitLogits[i] - unitThreshold);
    }
    boolean[] documents = new boolean[n];
    for (int i = 0; i < n; i++) {
      documents[i] = isDocument(back.get(i).row, back.get(i).units.size());
    }
    double promptShift = chooseShift(margins, back, documents, false, MAX_BENIGN_KIND_FPR_PERCENT);
    double documentShift = chooseShift(margins, back, documents, true, MAX_DOCUMENT_FPR_PERCENT);
    if (Double.isNaN(documentShift)) {
      documentShift = promptShift;
    }
    InjectionModel model =
        new InjectionModel(
            document,
            lexical,
            unitEmbedding,
            documentThreshold + promptShift,
            unitThreshold + promptShift,
            UNITS_EMBEDDED,
            documentShift - promptShift);
    boolean[] flagged = new boolean[n];
    List<LabeledText> backRows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      flagged[i] = margins[i] >= (documents[i] ? documentShift : promptShift);
      backRows.add(back.get(i).row);
    }
    return new Trained(model, InjectionEvaluation.of(backRows, flagged), fit.size(), back.size());
  }

  /**
   * The threshold on the combined margin, for the rows whose {@code documents} flag equals {@code
   * role}, with the best F1 among those that flag at most {@code maxFprPercent}% of every benign
   * kind; if none does, the one whose worst benign kind fares best. Ties go to the higher
   * threshold. NaN when there are no such rows.
   */
  private static double chooseShift(
      double[] margins, List<Prepared> rows, boolean[] documents, boolean role, int maxFprPercent) {
    int count = 0;
    for (boolean d : documents) {
      count += d == role ? 1 : 0;
    }
    if (count == 0) {
      return Double.NaN;
    }
    double[] m = new double[count];
    boolean[] positive = new boolean[count];
    List<Prepared> chosen = new ArrayList<>(count);
    for (int i = 0, k = 0; i < margins.length; i++) {
      if (documents[i] == role) {
        m[k] = margins[i];
        positive[k] = rows.get(i).row.injection();
        chosen.add(rows.get(i));
        k++;
      }
    }
    double limit = maxFprPercent / 100.0;
    double best = Double.NaN;
    double bestF1 = -1;
    double bestWorstFpr = Double.POSITIVE_INFINITY;
    for (double t : Thresholds.candidates(m)) {
      double worstFpr = 0;
      Map<String, long[]> byKind = new HashMap<>();
      for (int i = 0; i < m.length; i++) {
        if (!positive[i]) {
          long[] c = byKind.computeIfAbsent(chosen.get(i).row.kind(), k -> new long[2]);
          c[0]++;
          if (m[i] >= t) {
            c[1]++;
          }
        }
      }
      for (long[] c : byKind.values()) {
        worstFpr = Math.max(worstFpr, (double) c[1] / c[0]);
      }
      double f1 = Metrics.at(m, positive, t).f1();
      boolean ok = worstFpr <= limit;
      boolean bestOk = bestWorstFpr <= limit;
      boolean better = ok ? !bestOk || f1 >= bestF1 : !bestOk && worstFpr <= bestWorstFpr;
      if (better) {
        best = t;
        bestF1 = f1;
        bestWorstFpr = worstFpr;
      }
    }
    return best;
  }

  /**
   * Sources whose rows are documents a model is given to read (cheat sheets, documentation,
   * configuration files, code with docstrings, data tables and their READMEs, e-mails, tables and
   * code answers), as opposed to messages written to it.
   */
  static final List<String> DOCUMENT_SOURCES =
      List.of(
          "microsoft/BIPIA",
          "tldr-pages/tldr",
          "envoyproxy/ai-gateway",
          "github/gitignore",
          "openai/human-eval",
          "fivethirtyeight/data");

  /**
   * Whether a training row stands for a document (calibrated at the document operating point): an
   * indirect injection, or a text of several lines or sentences from a document source.
   */
  static boolean isDocument(LabeledText row, int units) {
    if (row.kind().equals("indirect")) {
      return true;
    }
    String source = row.documentSource();
    return units >= 2 && DOCUMENT_SOURCES.stream().anyMatch(source::startsWith);
  }

  /** {@link #isDocument(LabeledText, int)} for a row not yet through layer 1. */
  static boolean isDocument(LabeledText row) {
    return isDocument(
        row, Segmenter.units(Heuristics.check(row.text()).normalized().clean()).size());
  }

  /**
   * Units of multi-unit texts: all units of benign texts (each distinct unit and position once) as
   * negatives; units of injections that no benign text contains as positives, each text's positives
   * together weighing the square root of their number.
   */
  private static LogisticModel fitLexical(
      List<Prepared> fit, Set<String> benignUnits, RandomGenerator random) {
    List<LabeledVector> examples = new ArrayList<>();
    Set<String> seenNegatives = new HashSet<>();
    for (Prepared p : fit) {
      int count = p.units.size();
      if (count < 2) {
        continue;
      }
      double tableShare = Features.tableShare(p.units);
      if (!p.row.injection()) {
        for (int i = 0; i < count; i++) {
          if (seenNegatives.add(key(p.units.get(i)) + "#" + i + "/" + count)) {
            examples.add(
                new LabeledVector(Features.unit(p.units.get(i), i, count, tableShare), false));
          }
        }
      } else {
        List<Integer> novel = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          if (!benignUnits.contains(key(p.units.get(i)))) {
            novel.add(i);
          }
        }
        for (int i : novel) {
          examples.add(
              new LabeledVector(
                  Features.unit(p.units.get(i), i, count, tableShare),
                  true,
                  1 / Math.sqrt(novel.size())));
        }
      }
    }
    return new LogisticTrainer(UNIT_OPTIONS).fit(examples, random).compact(DIGITS);
  }

  /** The same labels as {@link #fitLexical}, on each text's top-ranked units only. */
  private LogisticModel fitUnitEmbedding(
      List<Prepared> fit, Set<String> benignUnits, LogisticModel lexical, RandomGenerator random) {
    List<InjectionModel.Ranked> chosen = new ArrayList<>();
    List<Boolean> labels = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    Set<String> seenNegatives = new HashSet<>();
    for (Prepared p : fit) {
      int count = p.units.size();
      if (count < 2) {
        continue;
      }
      List<InjectionModel.Ranked> top = InjectionModel.topUnits(p.units, lexical, UNITS_EMBEDDED);
      if (!p.row.injection()) {
        for (InjectionModel.Ranked r : top) {
          if (seenNegatives.add(key(r.text()) + "#" + r.index() + "/" + count)) {
            chosen.add(r);
            labels.add(false);
            weights.add(1.0);
          }
        }
      } else {
        List<InjectionModel.Ranked> novel = new ArrayList<>();
        for (InjectionModel.Ranked r : top) {
          if (!benignUnits.contains(key(r.text()))) {
            novel.add(r);
          }
        }
        for (InjectionModel.Ranked r : novel) {
          chosen.add(r);
          labels.add(true);
          weights.add(1 / Math.sqrt(novel.size()));
        }
      }
    }
    List<String> texts = new ArrayList<>(chosen.size());
    for (InjectionModel.Ranked r : chosen) {
      texts.add(r.text());
    }
    Map<String, float[]> vectors = embed(texts);
    List<LabeledVector> examples = new ArrayList<>(chosen.size());
    for (int i = 0; i < chosen.size(); i++) {
      InjectionModel.Ranked r = chosen.get(i);
      examples.add(
          new LabeledVector(
              Features.unitEmbedded(vectors.get(r.text()), r.features()),
              labels.get(i),
              weights.get(i)));
    }
    return new LogisticTrainer(UNIT_OPTIONS).fit(examples, random).compact(DIGITS);
  }

  /**
   * Marks the held-back rows: groups of rows that share a unit are shuffled and taken whole while
   * every kind in the group is still under its {@value #HELD_BACK_PERCENT}% quota.
   */
  private static boolean[] holdBack(List<Prepared> rows, RandomGenerator random) {
    int n = rows.size();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    Map<String, Integer> owner = new HashMap<>();
    for (int i = 0; i < n; i++) {
      for (String u : rows.get(i).units) {
        if (u.length() >= GROUPING_UNIT_CHARS) {
          Integer first = owner.putIfAbsent(key(u), i);
          if (first != null) {
            parent[find(parent, first)] = find(parent, i);
          }
        }
      }
    }
    Map<Integer, List<Integer>> byRoot = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      byRoot.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(i);
    }
    List<List<Integer>> groups = new ArrayList<>(byRoot.values());
    for (int i = groups.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      List<Integer> t = groups.get(i);
      groups.set(i, groups.get(j));
      groups.set(j, t);
    }
    Map<String, Integer> quota = new HashMap<>();
    for (Prepared p : rows) {
      quota.merge(p.row.kind(), 1, Integer::sum);
    }
    quota.replaceAll((k, v) -> (int) Math.round(v * HELD_BACK_PERCENT / 100.0));
    Map<String, Integer> taken = new HashMap<>();
    boolean[] held = new boolean[n];
    for (List<Integer> g : groups) {
      Map<String, Integer> need = new HashMap<>();
      for (int i : g) {
        need.merge(rows.get(i).row.kind(), 1, Integer::sum);
      }
      boolean fits = true;
      for (Map.Entry<String, Integer> e : need.entrySet()) {
        if (taken.getOrDefault(e.getKey(), 0) + e.getValue() > quota.get(e.getKey())) {
          fits = false;
          break;
        }
      }
      if (fits) {
        for (int i : g) {
          held[i] = true;
        }
        need.forEach((k, v) -> taken.merge(k, v, Integer::sum));
      }
    }
    return held;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void requireBothClasses(List<Prepared> rows, String part) {
    boolean pos = false;
    boolean neg = false;
    for (Prepared p : rows) {
      pos |= p.row.injection();
      neg |= !p.row.injection();
    }
    if (!pos || !neg) {
      throw new IllegalArgumentException(
          "the " + part + " needs both injection and benign rows; give more data");
    }
  }

  /** The identity of a unit for "does this line also occur in a benign text". */
  static String key(String unit) {
    return Normalizer.normalize(unit).lower().strip();
  }

  /** Each distinct non-blank text's vector (see {@link BatchEmbedding}). */
  private Map<String, float[]> embed(List<String> texts) {
    return BatchEmbedding.embed(embedder, texts, "gantry-injection-trainer");
  }

  private ObjectNode weightsJson(Trained t, String dataName, String dataSha256, long seed) {
    ObjectNode model = t.model.toJson();
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    for (String header :
        List.of(
            "format",
            "documentChars",
            "unitsEmbedded",
            "documentThreshold",
            "unitThreshold",
            "documentRoleOffset")) {
      root.set(header, model.get(header));
    }
    ObjectNode training = root.putObject("training");
    training.put("data", dataName);
    training.put("sha256", dataSha256);
    training.put("seed", seed);
    training.put("trainedOn", t.trainedOn);
    training.put("heldBack", t.heldBack);
    training.put("documentSources", String.join(",", DOCUMENT_SOURCES));
    training.put("embedder", embedder.getClass().getSimpleName() + "/" + embedder.dimensions());
    ObjectNode options = training.putObject("options");
    options.put("documentL2", DOCUMENT_OPTIONS.l2());
    options.put("unitL2", UNIT_OPTIONS.l2());
    options.put("learningRate", DOCUMENT_OPTIONS.learningRate());
    options.put("epochs", DOCUMENT_OPTIONS.epochs());
    options.put("batchSize", DOCUMENT_OPTIONS.batchSize());
    options.put("minStandardDeviation", DOCUMENT_OPTIONS.minStandardDeviation());
    ObjectNode figures = training.putObject("heldBackFigures");
    Metrics m = t.evaluation.overall();
    figures.put("precision", round(m.precision()));
    figures.put("recall", round(m.recall()));
    figures.put("f1", round(m.f1()));
    figures.put("falsePositiveRate", round(m.falsePositiveRate()));
    ObjectNode kinds = figures.putObject("flaggedShareByKind");
    for (String kind : t.evaluation.byKind().keySet()) {
      kinds.put(kind, round(t.evaluation.flaggedShare(kind)));
    }
    root.putArray("documentFeatures").add("embedding[" + embedder.dimensions() + "]");
    Features.DOCUMENT_NAMES.forEach(root.withArray("documentFeatures")::add);
    root.putArray("unitFeatures").add("hashed-words[" + Features.UNIT_BUCKETS + "]");
    Features.UNIT_NAMES.forEach(root.withArray("unitFeatures")::add);
    for (String part : List.of("document", "unitLexical", "unitEmbedding")) {
      root.set(part, model.get(part));
    }
    return root;
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  static byte[] serialise(ObjectNode json) throws IOException {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
    String text = Json.MAPPER.writer(printer).writeValueAsString(json) + "\n";
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
