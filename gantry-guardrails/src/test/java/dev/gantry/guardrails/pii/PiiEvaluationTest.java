package dev.gantry.guardrails.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Detection quality on the presidio-research synthetic PII texts, with the split, matching rules
 * and type mapping described in {@link PiiSamples} and {@link PiiEvaluation}. Each test prints its
 * table; the floors sit a little under the measured figures so that a real regression fails.
 */
class PiiEvaluationTest {
  private static final PiiDetector DETECTOR = PiiDetector.defaults();

  @Test
  void held_out_split_meets_the_floors() {
    List<PiiSamples.Sample> test = PiiSamples.where(PiiSamples.Sample::isTest);
    List<PiiEvaluation.Result> results = PiiEvaluation.score(test, DETECTOR::detect);
    System.out.println(
        PiiEvaluation.report(
            "held-out part of samples.jsonl ("
                + test.size()
                + " texts, split seed "
                + PiiSamples.SEED
                + ", buckets 0..19), shipped detector",
            results));
    PiiEvaluation.Result overlap = results.get(0);
    assertThat(overlap.overall().f2()).isGreaterThanOrEqualTo(0.93);
    assertThat(overlap.byType().get(PiiType.PERSON).f2()).isGreaterThanOrEqualTo(0.90);
    assertThat(overlap.byType().get(PiiType.LOCATION).f2()).isGreaterThanOrEqualTo(0.85);
    assertThat(overlap.byType().get(PiiType.ADDRESS).f2()).isGreaterThanOrEqualTo(0.95);
    assertThat(overlap.byType().get(PiiType.PHONE).recall()).isGreaterThanOrEqualTo(0.85);
    assertThat(overlap.byType().get(PiiType.PAYMENT_CARD).recall()).isEqualTo(1.0);
    assertThat(results.get(2).overall().f2()).isGreaterThanOrEqualTo(0.75);
  }

  @Test
  void generalises_to_sentence_patterns_it_was_not_trained_on() {
    // Every fold's tagger is trained without any text of the fold's templates.
    List<PiiEvaluation.Result> results =
        CrossValidation.run(
            PiiSamples.all(), ProseSamples.train(), Gazetteer.standard(), TaggerTrainer.EPOCHS, 5);
    System.out.println(
        PiiEvaluation.report(
            "template-disjoint 5-fold cross-validation over all of samples.jsonl", results));
    assertThat(results.get(0).overall().f2()).isGreaterThanOrEqualTo(0.85);
  }

  @Test
  void stays_quiet_on_held_out_requests_without_personal_data() {
    List<PiiSamples.Sample> requests = ProseSamples.requests(ProseSamples.INJECTION_DEV);
    System.out.println(
        ProseSamples.falsePositiveReport(
            "held-out BANKING77 requests (injection dev split)", requests, DETECTOR));
    assertThat(ProseSamples.flaggedShare(requests, DETECTOR)).isLessThanOrEqualTo(0.02);
  }

  @Test
  void stays_quiet_on_held_out_prose() {
    List<PiiSamples.Sample> prose = ProseSamples.test();
    System.out.println(
        ProseSamples.falsePositiveReport("held-out GPTCache prose", prose, DETECTOR));
    assertThat(ProseSamples.flaggedShare(prose, DETECTOR)).isLessThanOrEqualTo(0.06);
  }

  /**
   * Judged by behaviour, not bytes: the retrained tagger must find the same spans as the shipped
   * one on the held-out texts (the bytes repeat on one JVM, but a model file is not the contract).
   */
  @Test
  void shipped_model_is_reproducible_from_the_training_split() {
    TaggerTrainer.Trained retrained = TaggerTrainer.shipped();
    PiiDetector again =
        PiiDetector.withTagger(
            "US", new NameAndPlaceRecognizer(Gazetteer.standard(), retrained.quantised()));
    List<PiiSamples.Sample> test = PiiSamples.where(PiiSamples.Sample::isTest);
    int agree = 0;
    for (PiiSamples.Sample s : test) {
      agree += DETECTOR.detect(s.text()).equals(again.detect(s.text())) ? 1 : 0;
    }
    assertThat((double) agree / test.size())
        .as(
            "held-out texts on which a retrained tagger finds exactly the shipped spans;"
                + " if the data or trainer changed on purpose, rebuild with TaggerTrainer.main")
        .isGreaterThanOrEqualTo(0.995);
    List<PiiSamples.Sample> trainedOn = new ArrayList<>(PiiSamples.where(s -> !s.isTest()));
    assertThat(trainedOn).noneMatch(PiiSamples.Sample::isTest);
  }
}
