package dev.gantry.guardrails.pii;

import java.util.ArrayList;
import java.util.List;

/**
 * k-fold cross-validation in which every fold holds whole templates (texts that differ only in
 * their PII values): each fold is scored by a tagger trained on the other folds, so no sentence
 * pattern is seen in both training and scoring. Texts in {@code alwaysTrain} (prose without PII)
 * join every fold's training. Counts are pooled over the folds.
 */
final class CrossValidation {
  private CrossValidation() {}

  static List<PiiEvaluation.Result> run(
      List<PiiSamples.Sample> samples,
      List<PiiSamples.Sample> alwaysTrain,
      Gazetteer gazetteer,
      int epochs,
      int k) {
    List<PiiEvaluation.Result> pooled = null;
    for (int fold = 0; fold < k; fold++) {
      List<PiiSamples.Sample> train = new ArrayList<>(alwaysTrain);
      List<PiiSamples.Sample> held = new ArrayList<>();
      for (PiiSamples.Sample s : samples) {
        (s.templateFold(k) == fold ? held : train).add(s);
      }
      SequenceModel model = TaggerTrainer.train(train, gazetteer, epochs).quantised();
      PiiDetector detector =
          PiiDetector.withTagger("US", new NameAndPlaceRecognizer(gazetteer, model));
      List<PiiEvaluation.Result> results = PiiEvaluation.score(held, detector::detect);
      if (pooled == null) {
        pooled = results;
      } else {
        for (int r = 0; r < results.size(); r++) {
          for (PiiType t : PiiType.values()) {
            pooled.get(r).byType().get(t).add(results.get(r).byType().get(t));
          }
          pooled.get(r).overall().add(results.get(r).overall());
        }
      }
    }
    return pooled;
  }
}
