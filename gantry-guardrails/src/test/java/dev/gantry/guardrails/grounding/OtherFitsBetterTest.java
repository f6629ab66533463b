package dev.gantry.guardrails.grounding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OtherFitsBetterTest {
  static final String SOURCE =
      "Ada Park (born 1946) is an American film director. She lives in Ohio. Her brother paints. "
          + "Ben Hale (born 1936) is an English film director and screenwriter.";
  static final String QUESTION = "Which of the directors, Ada Park or Ben Hale, is a screenwriter?";

  static double of(String claim, String question) {
    return Reasoning.otherFitsBetter(
        Terms.of(claim), question, Terms.of(question), new Evidence(List.of(SOURCE)));
  }

  @Test
  void a_claim_that_puts_the_wrong_entity_into_the_slot_fits_the_other_one_better() {
    assertThat(of("Ada Park is a screenwriter.", QUESTION)).isGreaterThan(0.5);
    assertThat(of("Ben Hale is a screenwriter.", QUESTION)).isLessThanOrEqualTo(0);
  }

  @Test
  void nothing_when_the_question_offers_one_entity_or_the_claim_names_none() {
    assertThat(of("Ada Park is a screenwriter.", "Is Ada Park a screenwriter?")).isZero();
    assertThat(of("The second one.", QUESTION)).isZero();
  }
}
