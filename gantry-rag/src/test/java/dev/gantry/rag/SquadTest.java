package dev.gantry.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SquadTest {
  @Test
  void normalises_case_punctuation_articles_and_space() {
    assertThat(Squad.normalize("  The  Beatles' \"Abbey Road\", an album!"))
        .isEqualTo("beatles abbey road album");
    assertThat(Squad.exactMatch("the Desert Fox.", "Desert Fox")).isTrue();
    assertThat(Squad.exactMatch("Desert Foxes", "Desert Fox")).isFalse();
  }

  @Test
  void token_f1_counts_shared_tokens_with_multiplicity() {
    // prediction 4 tokens, gold 2, 2 shared: precision 1/2, recall 1, F1 2/3
    assertThat(Squad.f1("born in New York", "New York")).isCloseTo(2.0 / 3, within(1e-9));
    assertThat(Squad.f1("York York", "New York")).isCloseTo(0.5, within(1e-9));
    assertThat(Squad.f1("", "New York")).isZero();
    assertThat(Squad.f1("Paris", "New York")).isZero();
  }

  @Test
  void verbatim_containment_ignores_case_only() {
    assertThat(Squad.containsVerbatim("Founded by ARTHUR'S Magazine staff", "Arthur's Magazine"))
        .isTrue();
    assertThat(Squad.containsVerbatim("Arthurs Magazine", "Arthur's Magazine")).isFalse();
  }
}
