package dev.gantry.eval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gantry.eval.assertion.AssertionResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaseScoreTest {
  private static AssertionResult a(double weight, boolean passed, double score) {
    return new AssertionResult("t", false, weight, passed, score, null, "m");
  }

  @Test
  void the_score_is_the_weighted_mean() {
    CaseScore s = CaseScore.of(List.of(a(3, true, 1.0), a(1, false, 0.2)), null);
    assertThat(s.score()).isCloseTo((3 * 1.0 + 0.2) / 4, within(1e-12));
    assertThat(s.passed()).as("without a threshold every weighted assertion must pass").isFalse();
  }

  @Test
  void a_case_threshold_lets_a_heavy_pass_outweigh_a_light_failure() {
    List<AssertionResult> results = List.of(a(3, true, 1.0), a(1, false, 0.2));
    assertThat(CaseScore.of(results, 0.8).passed()).isTrue();
    assertThat(CaseScore.of(results, 0.81).passed()).isFalse();
    assertThat(CaseScore.of(List.of(a(1, true, 0.7), a(1, true, 0.9)), 0.8).passed())
        .as("0.7 and 0.9 average exactly to the threshold")
        .isTrue();
  }

  @Test
  void weight_zero_assertions_are_informational() {
    CaseScore s = CaseScore.of(List.of(a(1, true, 1.0), a(0, false, 0.0)), null);
    assertThat(s.passed()).isTrue();
    assertThat(s.score()).isEqualTo(1.0);
  }

  @Test
  void a_case_without_weighted_assertions_scores_1() {
    assertThat(CaseScore.of(List.of(), null)).isEqualTo(new CaseScore(1.0, true));
    assertThat(CaseScore.of(List.of(a(0, false, 0)), 0.5)).isEqualTo(new CaseScore(1.0, true));
  }
}
