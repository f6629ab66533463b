package dev.gantry.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The ambiguity margin is a ratio of distances, so it means the same on any encoder's scale. */
class SemanticMatcherTest {
  static Candidate<String> c(String answer, double similarity) {
    return new Candidate<>("Where is my parcel?", answer, similarity, answer);
  }

  static SemanticDecision<String> decide(Candidate<String> a, Candidate<String> b) {
    return SemanticMatcher.decide("Where is my parcel?", List.of(b, a), 0.5, false, 0.1);
  }

  @Test
  void another_answer_within_a_tenth_of_the_winners_distance_makes_the_question_ambiguous() {
    // distance 0.05 vs 0.054: within 10%
    SemanticDecision<String> close = decide(c("a", 0.95), c("b", 0.946));
    assertThat(close.winner()).isEmpty();
    assertThat(close.ambiguous()).isTrue();
    // distance 0.05 vs 0.06: 20% further, so the winner is served
    SemanticDecision<String> apart = decide(c("a", 0.95), c("b", 0.94));
    assertThat(apart.winner().orElseThrow().value()).isEqualTo("a");
    // the same gap in similarity on a lower scale (distance 0.2 vs 0.21) is ambiguous
    assertThat(decide(c("a", 0.80), c("b", 0.79)).ambiguous()).isTrue();
  }

  @Test
  void two_entries_with_one_answer_are_not_ambiguous_and_nothing_below_the_threshold_wins() {
    assertThat(decide(c("a", 0.95), c("a", 0.949)).winner()).isPresent();
    SemanticDecision<String> none =
        SemanticMatcher.decide("q", List.of(c("a", 0.4)), 0.5, false, 0.1);
    assertThat(none.winner()).isEmpty();
    assertThat(none.ambiguous()).isFalse();
    assertThat(none.similarity()).isEqualTo(0.4);
  }
}
