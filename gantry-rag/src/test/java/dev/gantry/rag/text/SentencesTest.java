package dev.gantry.rag.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SentencesTest {
  static List<String> split(String text) {
    return Sentences.split(text).stream().map(s -> s.of(text)).collect(Collectors.toList());
  }

  @Test
  void splits_at_full_stops_question_and_exclamation_marks() {
    assertThat(split("It rained. Did it stop? Yes! Then we left."))
        .containsExactly("It rained.", "Did it stop?", "Yes!", "Then we left.");
  }

  @Test
  void keeps_abbreviations_and_initials_inside_a_sentence() {
    assertThat(
            split("Dr. Smith met J. R. R. Tolkien in the U.S. Army. They talked, e.g. about maps."))
        .containsExactly(
            "Dr. Smith met J. R. R. Tolkien in the U.S. Army.", "They talked, e.g. about maps.");
  }

  @Test
  void splits_a_full_stop_that_lost_its_space() {
    assertThat(
            split(
                "It was published in the 19th century.First for Women is a magazine published"
                    + " in the USA."))
        .containsExactly(
            "It was published in the 19th century.",
            "First for Women is a magazine published in the USA.");
  }

  @Test
  void does_not_split_before_a_lower_case_word_or_inside_numbers() {
    assertThat(split("The track is 6.213 km long. it is in Australia."))
        .containsExactly("The track is 6.213 km long. it is in Australia.");
  }

  @Test
  void keeps_closing_quotes_with_their_sentence() {
    assertThat(split("He said \"stop.\" Then he left."))
        .containsExactly("He said \"stop.\"", "Then he left.");
  }

  @Test
  void offsets_point_into_the_original_text_without_surrounding_space() {
    String text = "  One.   Two.  ";
    List<Span> spans = Sentences.split(text);
    assertThat(spans).containsExactly(new Span(2, 6), new Span(9, 13));
    assertThat(Sentences.split(text, 8, 15)).containsExactly(new Span(9, 13));
    assertThat(Sentences.split("   ")).isEmpty();
  }
}
