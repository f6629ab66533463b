package dev.gantry.gateway.cost;

import dev.gantry.core.pipeline.RetrievedSource;
import dev.gantry.core.tokens.TokenCounter;
import dev.gantry.rag.text.Sentences;
import dev.gantry.rag.text.Span;
import dev.gantry.rag.text.Terms;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Shortens retrieved sources to the sentences most related to the question: every sentence is
 * scored by the share of the question's terms (English analysis: stop words removed, stemmed) it
 * contains; the best sentence of each source always stays (so every citation still has text), then
 * the best remaining sentences are kept until the sources hold {@code ratio} of their tokens. Kept
 * sentences stay in their original order, joined by spaces. Stateless and thread-safe.
 */
final class ContextCompressor {
  private final TokenCounter counter;

  ContextCompressor(TokenCounter counter) {
    this.counter = counter;
  }

  private record Sentence(int source, int index, String text, double score, int tokens) {}

  /** The sources with shortened texts (same order, numbers and ids). */
  List<RetrievedSource> compress(List<RetrievedSource> sources, String question, double ratio) {
    Set<String> q = Terms.distinct(question);
    List<List<Sentence>> bySource = new ArrayList<>();
    List<Sentence> all = new ArrayList<>();
    long total = 0;
    for (int s = 0; s < sources.size(); s++) {
      String text = sources.get(s).text();
      List<Sentence> sentences = new ArrayList<>();
      List<Span> spans = Sentences.split(text);
      for (int i = 0; i < spans.size(); i++) {
        String sentence = spans.get(i).of(text);
        int tokens = counter.count(sentence);
        total += tokens;
        Sentence x = new Sentence(s, i, sentence, score(q, sentence), tokens);
        sentences.add(x);
        all.add(x);
      }
      bySource.add(sentences);
    }
    long budget = Math.round(total * ratio);
    boolean[][] keep = new boolean[sources.size()][];
    long used = 0;
    for (int s = 0; s < sources.size(); s++) {
      List<Sentence> sentences = bySource.get(s);
      keep[s] = new boolean[sentences.size()];
      Sentence best =
          sentences.stream().max(Comparator.comparingDouble(Sentence::score)).orElse(null);
      if (best != null) {
        keep[s][best.index()] = true;
        used += best.tokens();
      }
    }
    all.sort(Comparator.comparingDouble(Sentence::score).reversed());
    for (Sentence x : all) {
      if (used >= budget) {
        break;
      }
      if (!keep[x.source()][x.index()] && x.score() > 0 && used + x.tokens() <= budget) {
        keep[x.source()][x.index()] = true;
        used += x.tokens();
      }
    }
    List<RetrievedSource> out = new ArrayList<>(sources.size());
    for (int s = 0; s < sources.size(); s++) {
      RetrievedSource src = sources.get(s);
      List<Sentence> sentences = bySource.get(s);
      if (sentences.isEmpty()) {
        out.add(src);
        continue;
      }
      StringBuilder text = new StringBuilder();
      for (Sentence x : sentences) {
        if (keep[s][x.index()]) {
          text.append(text.length() == 0 ? "" : " ").append(x.text());
        }
      }
      out.add(
          new RetrievedSource(
              src.number(),
              src.id(),
              src.document(),
              src.title(),
              src.score(),
              src.similarity(),
              src.snippet(),
              text.toString()));
    }
    return out;
  }

  private static double score(Set<String> question, String sentence) {
    if (question.isEmpty()) {
      return 0;
    }
    Set<String> terms = Terms.distinct(sentence);
    int hits = 0;
    for (String t : question) {
      if (terms.contains(t)) {
        hits++;
      }
    }
    return (double) hits / question.size();
  }
}
