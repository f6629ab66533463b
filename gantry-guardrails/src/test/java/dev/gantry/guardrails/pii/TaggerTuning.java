package dev.gantry.guardrails.pii;

import java.util.ArrayList;
import java.util.List;

/**
 * Development loop for the tagger, never run by the build: trains on the training part and prints
 * scores on the development part ({@code dev}), its errors ({@code errors}), template-disjoint
 * cross-validation over training + development ({@code cv}) or that cross-validation's errors
 * ({@code cv-errors}). It never reads the held-out test part. {@code args[0]}: epochs.
 */
final class TaggerTuning {
  private TaggerTuning() {}

  static final boolean PROSE = !Boolean.getBoolean("pii.noProse");

  public static void main(String[] args) {
    int epochs = Integer.parseInt(args[0]);
    String mode = args.length > 1 ? args[1] : "dev";
    Gazetteer gazetteer = Gazetteer.standard();
    List<PiiSamples.Sample> dev = PiiSamples.where(PiiSamples.Sample::isDev);
    if (mode.equals("dev") || mode.equals("errors")) {
      long t0 = System.nanoTime();
      List<PiiSamples.Sample> texts = new ArrayList<>(PiiSamples.where(PiiSamples.Sample::isTrain));
      if (PROSE) {
        texts.addAll(ProseSamples.train());
      }
      TaggerTrainer.Trained trained = TaggerTrainer.train(texts, gazetteer, epochs);
      System.out.printf(
          "trained in %d ms: %s%n", (System.nanoTime() - t0) / 1_000_000, trained.description());
      PiiDetector detector =
          PiiDetector.withTagger("US", new NameAndPlaceRecognizer(gazetteer, trained.quantised()));
      System.out.println(
          PiiEvaluation.report("development part", PiiEvaluation.score(dev, detector::detect)));
      System.out.println(
          ProseSamples.falsePositiveReport("development prose", ProseSamples.dev(), detector));
      if (mode.equals("errors")) {
        for (PiiSamples.Sample sample : dev) {
          printErrors(sample, detector.detect(sample.text()));
        }
      }
      return;
    }
    List<PiiSamples.Sample> pool = PiiSamples.where(s -> !s.isTest());
    System.out.println(
        PiiEvaluation.report(
            "template-disjoint 5-fold CV over train + dev",
            CrossValidation.run(
                pool, PROSE ? ProseSamples.train() : List.of(), gazetteer, epochs, 5)));
    if (mode.equals("cv-errors")) {
      for (int fold = 0; fold < 5; fold++) {
        List<PiiSamples.Sample> train = new ArrayList<>();
        List<PiiSamples.Sample> held = new ArrayList<>();
        for (PiiSamples.Sample s : pool) {
          (s.templateFold(5) == fold ? held : train).add(s);
        }
        if (PROSE) {
          train.addAll(ProseSamples.train());
        }
        PiiDetector detector =
            PiiDetector.withTagger(
                "US",
                new NameAndPlaceRecognizer(
                    gazetteer, TaggerTrainer.train(train, gazetteer, epochs).quantised()));
        for (PiiSamples.Sample sample : held) {
          printErrors(sample, detector.detect(sample.text()));
        }
      }
    }
  }

  private static void printErrors(PiiSamples.Sample sample, List<PiiSpan> found) {
    StringBuilder b = new StringBuilder();
    for (PiiSpan p : found) {
      boolean ok = false;
      for (PiiSamples.Gold g : sample.spans()) {
        PiiType t = PiiEvaluation.map(g.type());
        ok |=
            (t == p.type() || (p.type() == PiiType.LOCATION && t == PiiType.ADDRESS))
                && g.start() < p.end()
                && p.start() < g.end();
      }
      if (!ok) {
        b.append("  FP ").append(p.type()).append(" [");
        b.append(sample.text(), p.start(), p.end()).append("]\n");
      }
    }
    for (PiiSamples.Gold g : sample.spans()) {
      PiiType t = PiiEvaluation.map(g.type());
      if (t == null) {
        continue;
      }
      boolean ok = false;
      for (PiiSpan p : found) {
        ok |= p.type() == t && g.start() < p.end() && p.start() < g.end();
      }
      if (!ok) {
        b.append("  FN ").append(t).append(" [").append(sample.text(), g.start(), g.end());
        b.append("]\n");
      }
    }
    if (b.length() > 0) {
      System.out.println(sample.text().replace("\n", "\\n"));
      System.out.print(b);
    }
  }
}
