package dev.gantry.guardrails.safety;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.guardrails.injection.SharedEmbedder;
import dev.gantry.ml.classify.Metrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Development figures of the safety classifier: the bundled weights on the dev rows beside the
 * keyword baseline, and, with {@code -Dgantry.safety.loso=true}, leave-one-source-out (retrain
 * without a source, measure on it), which predicts how the classifier does on text from a source it
 * never saw. Figures go to {@code target/safety-figures.txt}.
 */
class SafetyFiguresTest {

  @Test
  void dev_figures_beat_the_keyword_baseline() throws Exception {
    List<SafetyExample> dev = SafetyData.dev();
    SafetyClassifier classifier = SafetyClassifier.defaults(SharedEmbedder.get());
    List<Set<SafetyCategory>> model = new ArrayList<>();
    List<Set<SafetyCategory>> keywords = new ArrayList<>();
    List<SafetyVerdict> verdicts =
        dev.parallelStream().map(r -> classifier.classify(r.text())).toList();
    for (int i = 0; i < dev.size(); i++) {
      model.add(SafetyTrainer.flagged(verdicts.get(i), 0.5));
      keywords.add(KeywordBaseline.flagged(dev.get(i).text()));
    }
    SafetyEvaluation m = SafetyEvaluation.of(dev, model);
    SafetyEvaluation k = SafetyEvaluation.of(dev, keywords);
    String report =
        "dev rows "
            + dev.size()
            + "\n\nclassifier:\n"
            + m.summary()
            + "\nkeywords:\n"
            + k.summary();
    System.out.println(report);
    Files.writeString(Path.of("target/safety-dev-figures.txt"), report, StandardCharsets.UTF_8);
    assertThat(m.overall().f1()).isGreaterThan(k.overall().f1() + 0.15);
    assertThat(m.overall().f1()).isGreaterThan(0.75);
  }

  @Test
  void leave_one_source_out() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("gantry.safety.loso"));
    List<SafetyExample> all = new ArrayList<>(SafetyData.train());
    all.addAll(SafetyData.dev());
    SafetyTrainer trainer = new SafetyTrainer(SharedEmbedder.get());
    Map<String, float[]> vectors = trainer.embed(all);
    // The injection data's benign rows stay in training (they are measured on the dev split);
    // the toxicity sources and the supplement's categories are left out one at a time.
    Set<String> groups = new TreeSet<>();
    for (SafetyExample r : all) {
      if (!r.source().equals("injection") && !isInjectionBenign(r)) {
        groups.add(group(r.source()));
      }
    }
    StringBuilder report = new StringBuilder("leave-one-source-out, " + all.size() + " rows\n");
    Map<String, SafetyEvaluation> out = new LinkedHashMap<>();
    List<SafetyExample> pooledRows = new ArrayList<>();
    List<Set<SafetyCategory>> pooledFlags = new ArrayList<>();
    List<Set<SafetyCategory>> pooledKeywords = new ArrayList<>();
    for (String g : groups) {
      List<SafetyExample> trainRows = new ArrayList<>();
      List<SafetyExample> test = new ArrayList<>();
      for (SafetyExample r : all) {
        (group(r.source()).equals(g) ? test : trainRows).add(r);
      }
      SafetyTrainer.Trained t = trainer.fit(trainRows, vectors, 20240611L, false);
      SafetyClassifier c = new SafetyClassifier(null, t.model());
      List<Set<SafetyCategory>> flags = new ArrayList<>();
      List<Set<SafetyCategory>> kw = new ArrayList<>();
      for (SafetyExample r : test) {
        float[] e = vectors.get(dev.gantry.guardrails.GuardText.window(r.text()));
        flags.add(
            SafetyTrainer.flagged(
                c.scoreFull(SafetyFeatures.full(e, SafetyFeatures.lexical(r.text()))), 0.5));
        kw.add(KeywordBaseline.flagged(r.text()));
      }
      SafetyEvaluation e = SafetyEvaluation.of(test, flags);
      SafetyEvaluation k = SafetyEvaluation.of(test, kw);
      out.put(g, e);
      pooledRows.addAll(test);
      pooledFlags.addAll(flags);
      pooledKeywords.addAll(kw);
      report.append(line(g, e.overall(), k.overall()));
      System.out.print(line(g, e.overall(), k.overall()));
    }
    SafetyEvaluation pooled = SafetyEvaluation.of(pooledRows, pooledFlags);
    SafetyEvaluation pooledK = SafetyEvaluation.of(pooledRows, pooledKeywords);
    report.append("\npooled over held-out sources, classifier:\n").append(pooled.summary());
    report.append("\npooled, keywords:\n").append(pooledK.summary());
    System.out.println(report);
    Files.writeString(
        Path.of("target/safety-loso-figures.txt"), report.toString(), StandardCharsets.UTF_8);
  }

  /** True for a benign row taken from the injection data. */
  static boolean isInjectionBenign(SafetyExample r) {
    return !r.unsafe()
        && !r.source().startsWith("gantry:")
        && !SafetyExample.categoriesOfKnownSource(r.source());
  }

  /** The unit left out: a source, or a supplement family's category. */
  static String group(String source) {
    if (source.startsWith("gantry:safety-supplement/")) {
      String family = source.substring(source.indexOf('/') + 1);
      return "supplement/" + family.substring(0, family.indexOf('-'));
    }
    return source;
  }

  private static String line(String group, Metrics m, Metrics k) {
    return String.format(
        Locale.ROOT,
        "%-75s rows %5d pos %5d | classifier P %.3f R %.3f F1 %.3f FPR %.3f | keywords F1 %.3f"
            + " FPR %.3f%n",
        group,
        m.total(),
        m.positives(),
        m.precision(),
        m.recall(),
        m.f1(),
        m.falsePositiveRate(),
        k.f1(),
        k.falsePositiveRate());
  }
}
