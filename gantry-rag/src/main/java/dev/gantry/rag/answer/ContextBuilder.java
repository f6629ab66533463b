package dev.gantry.rag.answer;

import dev.gantry.core.tokens.TokenCounter;
import dev.gantry.rag.RetrievedChunk;
import dev.gantry.rag.text.Sentences;
import dev.gantry.rag.text.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the sources block of a retrieval-augmented prompt. Chunks are taken in the given order
 * (best first), duplicates by id dropped, and numbered from 1. Each source is written as
 *
 * <pre>
 * [1] Title › Heading (doc-0001.md#0)
 * chunk text
 * </pre>
 *
 * <p>after {@link #INSTRUCTION}. Chunks are added while the whole prompt stays within the token
 * budget; the first chunk that does not fit is cut at a sentence (or word) boundary if at least
 * {@value #MIN_PARTIAL_TOKENS} tokens of budget remain, and no further chunk is added. Immutable
 * and thread-safe.
 */
public final class ContextBuilder {
  /** Tells the model to answer from the sources only and to cite them by number. */
  public static final String INSTRUCTION =
      "Answer using only the numbered sources below. Cite each source you use by its number in"
          + " square brackets, for example [1] or [2][3]. If the sources do not contain the"
          + " answer, say that you don't know.";

  /** Written instead of sources when there are none. */
  public static final String NO_SOURCES = "Sources: none were found for this question.";

  /** Smallest remainder of the budget worth filling with the beginning of a chunk. */
  public static final int MIN_PARTIAL_TOKENS = 48;

  private final TokenCounter counter;

  public ContextBuilder(TokenCounter counter) {
    this.counter = counter;
  }

  /** With the default (o200k) token counter. */
  public ContextBuilder() {
    this(TokenCounter.defaultCounter());
  }

  /**
   * @param chunks retrieved chunks, best first
   * @param maxTokens the prompt's budget in tokens; must at least hold the instruction and one
   *     source header
   * @throws IllegalArgumentException if the budget cannot even hold the instruction
   */
  public Context build(List<RetrievedChunk> chunks, int maxTokens) {
    if (chunks.isEmpty()) {
      String prompt = INSTRUCTION + "\n\n" + NO_SOURCES;
      requireFits(prompt, maxTokens);
      return new Context(prompt, List.of(), counter.count(prompt));
    }
    StringBuilder prompt = new StringBuilder(INSTRUCTION).append("\n\nSources:");
    requireFits(prompt.toString(), maxTokens);
    List<Source> sources = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (RetrievedChunk c : chunks) {
      if (!ids.add(c.id())) {
        continue;
      }
      int number = sources.size() + 1;
      String head = "\n\n" + header(number, c) + "\n";
      String whole = prompt + head + c.text();
      if (counter.count(whole) <= maxTokens) {
        prompt.append(head).append(c.text());
        sources.add(source(number, c, c.text().length(), false));
        continue;
      }
      int remaining = maxTokens - counter.count(prompt + head);
      if (remaining >= MIN_PARTIAL_TOKENS) {
        int cut = cut(c.text(), prompt + head, maxTokens);
        if (cut > 0) {
          String part = c.text().substring(0, cut) + " …";
          prompt.append(head).append(part);
          sources.add(source(number, c, cut, true));
        }
      }
      break;
    }
    String text = prompt.toString();
    return new Context(text, sources, counter.count(text));
  }

  private void requireFits(String prompt, int maxTokens) {
    int needed = counter.count(prompt);
    if (needed > maxTokens) {
      throw new IllegalArgumentException(
          "a context budget of "
              + maxTokens
              + " tokens cannot hold the "
              + needed
              + "-token instruction");
    }
  }

  private static String header(int number, RetrievedChunk c) {
    StringBuilder sb = new StringBuilder("[").append(number).append("] ").append(c.title());
    for (String h : c.headingPath()) {
      if (!h.equals(c.title())) {
        sb.append(" › ").append(h);
      }
    }
    return sb.append(" (").append(c.id()).append(')').toString();
  }

  /** The longest prefix of {@code text} ending at a sentence (else word) end that fits. */
  private int cut(String text, String before, int maxTokens) {
    int best = 0;
    for (Span s : Sentences.split(text)) {
      if (counter.count(before + text.substring(0, s.end()) + " …") > maxTokens) {
        break;
      }
      best = s.end();
    }
    if (best > 0) {
      return best;
    }
    int end = text.indexOf(' ');
    while (end > 0 && counter.count(before + text.substring(0, end) + " …") <= maxTokens) {
      best = end;
      end = text.indexOf(' ', end + 1);
    }
    return best;
  }

  private static Source source(int number, RetrievedChunk c, int length, boolean truncated) {
    return new Source(
        number,
        c.id(),
        c.document(),
        c.title(),
        c.headingPath(),
        c.start(),
        c.start() + length,
        c.score(),
        c.similarity(),
        c.text().substring(0, length),
        truncated);
  }
}
