package dev.gantry.eval.assertion;

import static dev.gantry.eval.assertion.Specs.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ReferenceMetricsTest {

  @Test
  void squad_normalisation_drops_case_punctuation_articles_and_extra_space() {
    assertThat(TextMetrics.squadNormalize("  The  Eiffel Tower, in Paris!  "))
        .isEqualTo("eiffel tower in paris");
    assertThat(TextMetrics.squadNormalize("An apple a day")).isEqualTo("apple day");
  }

  @Test
  void exact_match_after_normalisation() {
    assertThat(eval("{type: exact-match, value: Paris}", "paris.").passed()).isTrue();
    assertThat(eval("{type: exact-match, value: [Lyon, 'The Paris']}", "Paris").passed()).isTrue();
    AssertionResult r = eval("{type: exact-match, value: Paris}", "Paris, France");
    assertThat(r.passed()).isFalse();
    assertThat(r.score()).isZero();
  }

  @Test
  void token_f1_matches_the_squad_definition() {
    // prediction tokens: [eiffel, tower, paris]; gold: [eiffel, tower] -> P=2/3, R=1, F1=0.8
    assertThat(TextMetrics.tokenF1("The Eiffel Tower, Paris", "Eiffel Tower"))
        .isCloseTo(0.8, within(1e-9));
    assertThat(TextMetrics.tokenF1("", "")).isEqualTo(1.0);
    assertThat(TextMetrics.tokenF1("a", "the")).isEqualTo(1.0);
    assertThat(TextMetrics.tokenF1("cat", "")).isZero();
    // repeated tokens are counted once each: [paris, paris] vs [paris] -> P=1/2, R=1
    assertThat(TextMetrics.tokenF1("Paris Paris", "Paris")).isCloseTo(2 / 3.0, within(1e-9));
  }

  @Test
  void token_f1_passes_at_its_threshold_and_scores_the_best_reference() {
    AssertionResult r =
        eval(
            "{type: token-f1, value: [Berlin, Eiffel Tower], threshold: 0.8}",
            "The Eiffel Tower, Paris");
    assertThat(r.score()).isCloseTo(0.8, within(1e-9));
    assertThat(r.passed()).isTrue();
    assertThat(r.threshold()).isEqualTo(0.8);
    assertThat(
            eval(
                    "{type: token-f1, value: Eiffel Tower, threshold: 0.81}",
                    "The Eiffel Tower, Paris")
                .passed())
        .isFalse();
    assertThat(eval("{type: token-f1, value: Eiffel Tower}", "Eiffel").threshold()).isEqualTo(0.5);
  }

  @Test
  void rouge_l_uses_the_longest_common_subsequence() {
    // [police, killed, gunman] vs [police, kill, gunman]: LCS 2 -> P=R=2/3 -> F=2/3
    assertThat(TextMetrics.rougeL("police killed the gunman", "the police kill the gunman"))
        .isCloseTo(2 / 3.0, within(1e-9));
    // order matters, unlike F1: [y, x] vs [x, y] has LCS 1
    assertThat(TextMetrics.rougeL("y x", "x y")).isCloseTo(0.5, within(1e-9));
    assertThat(TextMetrics.tokenF1("y x", "x y")).isEqualTo(1.0);
    assertThat(eval("{type: rouge-l, value: 'x y', threshold: 0.6}", "y x").passed()).isFalse();
    assertThat(eval("{type: not-rouge-l, value: 'x y', threshold: 0.6}", "y x").score())
        .isCloseTo(0.5, within(1e-9));
  }
}
