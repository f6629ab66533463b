package dev.gantry.rag.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TermsTest {
  @Test
  void stems_lower_cases_and_drops_stop_words_and_possessives() {
    assertThat(Terms.of("The Magazine's editors are publishing magazines"))
        .containsExactly("magazin", "editor", "publish", "magazin");
    assertThat(Terms.distinct("The Magazine's editors are publishing magazines"))
        .containsExactly("magazin", "editor", "publish");
  }
}
