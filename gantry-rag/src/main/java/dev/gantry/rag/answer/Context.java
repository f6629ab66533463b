package dev.gantry.rag.answer;

import java.util.List;
import java.util.Objects;

/**
 * Retrieved knowledge made ready for a prompt.
 *
 * @param prompt the instruction to cite by number followed by the numbered sources; meant as (part
 *     of) a system message, with the user's question left in the user message
 * @param sources the sources in the prompt, numbered 1, 2, … in order
 * @param tokens the prompt's length in tokens of the builder's counter, at most the budget
 */
public record Context(String prompt, List<Source> sources, int tokens) {
  public Context {
    Objects.requireNonNull(prompt, "prompt");
    sources = List.copyOf(sources);
  }
}
