package dev.gantry.guardrails.grounding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {
  static final String PEOPLE =
      "Ada Park (born 4 October 1971) is an Argentine film director. "
          + "Ben Hale (born 24 November 1908, died 26 March 1980) was a Polish film director.";
  static final String GENERA =
      "Fooia is a genus of 48 species of trees. Barus is a genus of four species of herbs.";

  static String comparison(String claim, String question, String source) {
    return Reasoning.comparison(
        claim, Terms.of(claim), question, Terms.of(question), new Evidence(List.of(source)));
  }

  @Test
  void a_comparison_the_stated_years_contradict_is_described() {
    String q = "Who was born first, Ada Park or Ben Hale?";
    assertThat(comparison("Ada Park was born first.", q, PEOPLE))
        .isEqualTo("Ada Park 1971 ≠ Ben Hale 1908");
    assertThat(comparison("Ben Hale was born first.", q, PEOPLE)).isEmpty();
    assertThat(comparison("Ada Park is younger.", "Who is younger, Ada Park or Ben Hale?", PEOPLE))
        .isEmpty();
    assertThat(comparison("Ada Park was not born first.", q, PEOPLE)).isEmpty();
  }

  @Test
  void a_quantity_is_the_number_before_the_word_the_question_asks_about() {
    String q = "Which genus has more species, Fooia or Barus?";
    assertThat(comparison("Barus has more species.", q, GENERA)).isEqualTo("Barus 4 ≠ Fooia 48");
    assertThat(comparison("Fooia has more species.", q, GENERA)).isEmpty();
  }

  @Test
  void nothing_is_decided_without_a_value_for_two_entities_or_a_question_that_compares() {
    assertThat(
            comparison(
                "Ada Park was born first.", "Who was born first, Ada Park or Cal Dunn?", PEOPLE))
        .isEmpty();
    assertThat(comparison("Ada Park was born first.", "Who is Ada Park?", PEOPLE)).isEmpty();
    // "first" in a question that offers no alternatives is no comparison between its names.
    assertThat(
            comparison(
                "Ada Park was the first director Ben Hale hired.",
                "Who was the first director Ben Hale hired, after Ada Park had left?",
                PEOPLE))
        .isEmpty();
  }

  @Test
  void the_checker_reports_the_claim_as_contradicted_with_the_values() {
    GroundingReport r =
        GroundingChecker.defaults(null)
            .check(
                "Ada Park was born first.",
                List.of(PEOPLE),
                "Who was born first, Ada Park or Ben Hale?");
    ClaimResult c = r.claims().get(0);
    assertThat(c.support()).isEqualTo(Support.CONTRADICTED);
    assertThat(c.conflicts()).contains("Ada Park 1971 ≠ Ben Hale 1908");
    assertThat(r.score()).isGreaterThanOrEqualTo(0.5);
    GroundingReport right =
        GroundingChecker.defaults(null)
            .check(
                "Ben Hale was born first.",
                List.of(PEOPLE),
                "Who was born first, Ada Park or Ben Hale?");
    assertThat(right.claims().get(0).support()).isEqualTo(Support.SUPPORTED);
  }
}
