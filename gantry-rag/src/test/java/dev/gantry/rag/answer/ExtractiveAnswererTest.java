package dev.gantry.rag.answer;

import static dev.gantry.rag.answer.Chunks.chunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.ml.MiniLmEmbedder;
import dev.gantry.rag.RetrievedChunk;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExtractiveAnswererTest {
  static ExtractiveAnswerer answerer;

  @BeforeAll
  static void load() {
    answerer = new ExtractiveAnswerer(new MiniLmEmbedder(1_000));
  }

  final List<RetrievedChunk> chunks =
      List.of(
          chunk(
              "pumps.md#0",
              "Pumps",
              "The P-20 is a centrifugal pump made in Denmark. The P-20 pump must be primed with"
                  + " two litres of water before the first start. Its housing is cast iron."),
          chunk(
              "seals.md#2",
              "Seals",
              "Check the rubber seals of the P-20 every month. Replace cracked seals at once."));

  static ExtractiveAnswerer with(int maxSentences, double secondRatio) {
    ExtractiveAnswerer.Settings d = answerer.settings();
    return new ExtractiveAnswerer(
        new MiniLmEmbedder(1_000),
        new ExtractiveAnswerer.Settings(
            d.threshold(), d.semanticWeight(), d.maxChunks(), maxSentences, secondRatio));
  }

  @Test
  void quotes_the_best_supported_sentence_with_its_citation() {
    Answer a = with(1, 1.0).answer("How much water is needed to prime the P-20 pump?", chunks);
    assertThat(a.abstained()).isFalse();
    assertThat(a.text())
        .isEqualTo(
            "The P-20 pump must be primed with two litres of water before the first start. [1]");
    Citation c = a.citations().get(0);
    assertThat(c.number()).isEqualTo(1);
    assertThat(c.id()).isEqualTo("pumps.md#0");
    assertThat(c.document()).isEqualTo("pumps.md");
    assertThat(c.sentence())
        .isEqualTo("The P-20 pump must be primed with two litres of water before the first start.");
    // offsets are in the document: the chunk starts at 100
    int inChunk = chunks.get(0).text().indexOf(c.sentence());
    assertThat(c.start()).isEqualTo(100 + inChunk);
    assertThat(c.end()).isEqualTo(c.start() + c.sentence().length());
    assertThat(a.confidence()).isBetween(answerer.settings().threshold(), 1.0);
  }

  @Test
  void cites_the_source_number_of_the_chunk_it_quotes() {
    Answer a = answerer.answer("How often should the rubber seals be checked?", chunks);
    assertThat(a.abstained()).isFalse();
    assertThat(a.citations().get(0).number()).isEqualTo(2);
    assertThat(a.text()).contains("Check the rubber seals of the P-20 every month. [2]");
  }

  @Test
  void adds_a_second_sentence_that_covers_the_rest_of_the_question() {
    List<RetrievedChunk> bridge =
        List.of(
            chunk(
                "kraft.md#0",
                "Kraft",
                "Myra Kraft was the wife of Robert Kraft, owner of the New England Patriots. The"
                    + " New England Patriots play their home games at Gillette Stadium."));
    Answer a =
        answerer.answer(
            "In which stadium do the teams owned by Myra Kraft's husband play?", bridge);
    assertThat(a.citations()).hasSize(2);
    assertThat(a.text()).contains("Gillette Stadium");
    assertThat(a.text()).startsWith("Myra Kraft"); // quoted in document order
  }

  @Test
  void says_it_does_not_know_when_nothing_relevant_was_retrieved() {
    Answer none = answerer.answer("How do I renew my passport?", List.of());
    assertThat(none.abstained()).isTrue();
    assertThat(none.text()).isEqualTo(ExtractiveAnswerer.I_DONT_KNOW);
    assertThat(none.citations()).isEmpty();
    assertThat(none.confidence()).isZero();

    Answer offTopic = answerer.answer("What is a good recipe for banana bread?", chunks);
    assertThat(offTopic.abstained()).isTrue();
    assertThat(offTopic.text()).isEqualTo(ExtractiveAnswerer.I_DONT_KNOW);
    assertThat(offTopic.confidence()).isLessThan(answerer.settings().threshold());
  }

  @Test
  void the_same_sentence_in_two_chunks_is_quoted_once() {
    String s = "The kettle holds one and a half litres of water.";
    Answer a =
        answerer.answer(
            "How much water does the kettle hold?",
            List.of(chunk("a.md#0", "A", s), chunk("b.md#0", "B", s)));
    assertThat(a.citations()).hasSize(1);
    assertThat(a.text()).isEqualTo(s + " [1]");
  }

  @Test
  void settings_are_checked() {
    assertThatThrownBy(() -> new ExtractiveAnswerer.Settings(1.5, 0.5, 3, 2, 0.7))
        .hasMessageContaining("threshold");
    assertThatThrownBy(() -> new ExtractiveAnswerer.Settings(0.3, 0.5, 3, 3, 0.7))
        .hasMessageContaining("maxSentences");
    assertThatThrownBy(
            () -> new Answer("x", List.of(), false, 0.5)) // an answer must cite something
        .isInstanceOf(IllegalArgumentException.class);
  }
}
