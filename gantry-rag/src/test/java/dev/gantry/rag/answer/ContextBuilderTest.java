package dev.gantry.rag.answer;

import static dev.gantry.rag.answer.Chunks.chunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.tokens.TokenCounter;
import dev.gantry.rag.RetrievedChunk;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextBuilderTest {
  static final TokenCounter TOKENS = TokenCounter.defaultCounter();
  final ContextBuilder builder = new ContextBuilder(TOKENS);

  static String sentences(String topic, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      sb.append("Fact ").append(i).append(" about ").append(topic).append(" is written here. ");
    }
    return sb.toString().trim();
  }

  final List<RetrievedChunk> chunks =
      List.of(
          chunk("pumps.md#0", "Pumps", "Prime the pump before the first start."),
          chunk("seals.md#2", "Seals", "Check the seals every month."),
          chunk("filters.md#1", "Filters", sentences("filters", 40)));

  @Test
  void numbers_sources_in_order_after_the_citation_instruction() {
    Context c = builder.build(chunks.subList(0, 2), 1000);
    assertThat(c.prompt())
        .isEqualTo(
            ContextBuilder.INSTRUCTION
                + "\n\nSources:\n\n"
                + "[1] Pumps (pumps.md#0)\nPrime the pump before the first start.\n\n"
                + "[2] Seals (seals.md#2)\nCheck the seals every month.");
    assertThat(c.sources()).extracting(Source::number).containsExactly(1, 2);
    assertThat(c.sources()).extracting(Source::id).containsExactly("pumps.md#0", "seals.md#2");
    Source first = c.sources().get(0);
    assertThat(first.document()).isEqualTo("pumps.md");
    assertThat(first.title()).isEqualTo("Pumps");
    assertThat(first.truncated()).isFalse();
    assertThat(first.start()).isEqualTo(100);
    assertThat(first.end()).isEqualTo(100 + first.text().length());
    assertThat(c.tokens()).isEqualTo(TOKENS.count(c.prompt()));
  }

  @Test
  void stays_within_the_budget_and_cuts_the_last_source_at_a_sentence() {
    int budget = 200;
    Context c = builder.build(chunks, budget);
    assertThat(c.tokens()).isLessThanOrEqualTo(budget);
    assertThat(TOKENS.count(c.prompt())).isEqualTo(c.tokens());
    assertThat(c.sources()).hasSize(3);
    Source cut = c.sources().get(2);
    assertThat(cut.truncated()).isTrue();
    assertThat(cut.text()).startsWith("Fact 1 about filters").endsWith("is written here.");
    assertThat(cut.end() - cut.start()).isEqualTo(cut.text().length());
    assertThat(c.prompt()).endsWith(cut.text() + " …");
  }

  @Test
  void stops_at_the_first_source_that_does_not_fit_when_little_budget_is_left() {
    List<RetrievedChunk> big =
        List.of(
            chunk("a.md#0", "A", sentences("alpha", 10)),
            chunk("b.md#0", "B", sentences("beta", 10)),
            chunk("c.md#0", "C", "Short."));
    int budget = TOKENS.count(builder.build(big.subList(0, 1), 10_000).prompt()) + 30;
    Context c = builder.build(big, budget);
    assertThat(c.sources()).extracting(Source::id).containsExactly("a.md#0");
    assertThat(c.tokens()).isLessThanOrEqualTo(budget);
  }

  @Test
  void drops_duplicate_chunks_and_skips_titles_repeated_in_headings() {
    RetrievedChunk nested =
        new RetrievedChunk(
            "g.md#3",
            "g.md",
            "Guide",
            List.of("Guide", "Limits"),
            0,
            5,
            0.1,
            0.5,
            1,
            0,
            "Text.",
            "Text.");
    Context c = builder.build(List.of(nested, nested), 1000);
    assertThat(c.sources()).hasSize(1);
    assertThat(c.prompt()).contains("[1] Guide › Limits (g.md#3)\nText.");
  }

  @Test
  void says_so_when_there_are_no_sources() {
    Context c = builder.build(List.of(), 1000);
    assertThat(c.sources()).isEmpty();
    assertThat(c.prompt()).endsWith(ContextBuilder.NO_SOURCES);
  }

  @Test
  void refuses_a_budget_smaller_than_the_instruction() {
    assertThatThrownBy(() -> builder.build(chunks, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10 tokens");
  }
}
