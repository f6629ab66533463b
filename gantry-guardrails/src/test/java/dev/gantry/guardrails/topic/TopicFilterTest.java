package dev.gantry.guardrails.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.ml.MiniLmEmbedder;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A support bot for a bank: account questions allowed, investment advice denied. */
class TopicFilterTest {
  static TopicFilter filter;

  @BeforeAll
  static void build() {
    filter =
        new TopicFilter(
            new MiniLmEmbedder(1000),
            List.of(
                new Topic(
                    "banking support",
                    List.of(
                        "How do I reset my online banking password?",
                        "My debit card was declined at the shop.",
                        "How can I transfer money to another account?",
                        "What are the fees for my checking account?"))),
            List.of(
                new Topic(
                    "investment advice",
                    List.of(
                        "Which stocks should I buy right now?",
                        "Should I put my savings into crypto?",
                        "Is it a good time to invest in gold?"))),
            0.40,
            0.60);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "I forgot my password and cannot log in to the app.|ALLOWED",
        "Why was my card rejected when I tried to pay?|ALLOWED",
        "What stocks would you recommend buying this week?|DENIED",
        "Should I invest my savings in bitcoin?|DENIED",
        "Write me a poem about the ocean at night.|OFF_TOPIC",
        "Who won the football world cup in 2014?|OFF_TOPIC"
      })
  void decides_by_meaning(String text, TopicDecision.Outcome expected) {
    assertThat(filter.check(text).outcome()).isEqualTo(expected);
  }

  @Test
  void reports_the_deciding_topic_and_similarity() {
    TopicDecision d = filter.check("Which shares should I buy?");
    assertThat(d.topic()).isEqualTo("investment advice");
    assertThat(d.similarity()).isBetween(0.6, 1.0);
  }

  @Test
  void thresholds_and_topics_are_checked() {
    assertThatThrownBy(() -> new Topic("empty", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TopicFilter(null, List.of(), List.of(), 1.5, 0.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
