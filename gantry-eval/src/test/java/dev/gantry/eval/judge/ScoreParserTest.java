package dev.gantry.eval.judge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScoreParserTest {

  @Test
  void reads_a_score_line_in_any_case() {
    assertThat(ScoreParser.parse("SCORE: 4\nREASON: fine", 1, 5)).hasValue(4.0);
    assertThat(ScoreParser.parse("Reasoning first... score = 3", 1, 5)).hasValue(3.0);
    assertThat(ScoreParser.parse("The score is **5**.", 1, 5)).hasValue(5.0);
  }

  @Test
  void reads_json_fractions_and_a_lone_number() {
    assertThat(ScoreParser.parse("```json\n{\"score\": 2, \"reason\": \"x\"}\n```", 1, 5))
        .hasValue(2.0);
    assertThat(ScoreParser.parse("I would give it 7/10 overall", 0, 10)).hasValue(7.0);
    assertThat(ScoreParser.parse("4", 1, 5)).hasValue(4.0);
  }

  @Test
  void refuses_numbers_off_the_scale_or_ambiguous_replies() {
    assertThat(ScoreParser.parse("SCORE: 9", 1, 5)).isEmpty();
    assertThat(ScoreParser.parse("Between 2 and 3", 1, 5)).isEmpty();
    assertThat(ScoreParser.parse("no idea", 1, 5)).isEmpty();
    assertThat(ScoreParser.parse(null, 1, 5)).isEmpty();
  }
}
