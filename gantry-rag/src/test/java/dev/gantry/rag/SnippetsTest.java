package dev.gantry.rag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.rag.text.Terms;
import org.junit.jupiter.api.Test;

class SnippetsTest {
  static final String TEXT =
      "The harbour was built in 1820 by local merchants. Fishing boats used it for a century."
          + " A lighthouse was added at the end of the pier in 1904 after two wrecks."
          + " Today the harbour is a marina with berths for two hundred yachts.";

  @Test
  void short_texts_are_their_own_snippet() {
    assertThat(Snippets.of("Short text.", Terms.distinct("text"), 240)).isEqualTo("Short text.");
  }

  @Test
  void starts_at_the_sentence_sharing_most_terms_with_the_query() {
    String s = Snippets.of(TEXT, Terms.distinct("when was the lighthouse added to the pier"), 80);
    assertThat(s).startsWith("…A lighthouse was added").endsWith("…");
    assertThat(s.length()).isLessThanOrEqualTo(80);
    assertThat(s).doesNotContain("  ");
  }

  @Test
  void without_matching_terms_starts_at_the_beginning() {
    String s = Snippets.of(TEXT, Terms.distinct("volcano"), 60);
    assertThat(s).startsWith("The harbour was built").endsWith("…");
    assertThat(s.length()).isLessThanOrEqualTo(60);
  }
}
