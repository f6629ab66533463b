package dev.gantry.rag.answer;

import java.util.List;
import java.util.Objects;

/**
 * An extractive answer.
 *
 * @param text one or two quoted sentences each followed by its citation ({@code … [1]}), or exactly
 *     {@link ExtractiveAnswerer#I_DONT_KNOW} when abstaining
 * @param citations the quoted sentences in the order they appear in {@code text}; empty when
 *     abstaining
 * @param abstained whether nothing retrieved supported an answer well enough
 * @param confidence the best sentence's support score, in [0, 1] (a ranking score, not a
 *     probability); below the answerer's threshold when abstaining
 */
public record Answer(String text, List<Citation> citations, boolean abstained, double confidence) {
  public Answer {
    Objects.requireNonNull(text, "text");
    citations = List.copyOf(citations);
    if (abstained != citations.isEmpty()) {
      throw new IllegalArgumentException(
          "an answer cites sources exactly when it does not abstain");
    }
  }
}
