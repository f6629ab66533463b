package dev.gantry.gateway.cost;

import dev.gantry.core.pipeline.RetrievedSource;
import dev.gantry.core.tokens.TokenCounter;
import dev.gantry.ml.Embedder;
import dev.gantry.ml.Vectors;
import dev.gantry.rag.text.Sentences;
import dev.gantry.rag.text.Span;
import dev.gantry.rag.text.Terms;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Shortens retrieved sources to the sentences most related to the question: every sentence is
 * scored by {@value #SEMANTIC} × its cosine similarity to the question (sentence embeddings, the
 * model that retrieval uses) plus {@value #LEXICAL} × the share of the question's terms it contains
 * (English analysis: stop words removed, stemmed) — the blend the extractive answerer uses. Each
 * source keeps its best {@code minSentences} sentences, then its next best while it holds no more
 * than {@code ratio} of its own tokens, so every source (and citation) keeps its most relevant
 * evidence and a question that needs two sources still finds both. A sentence that an earlier
 * source already holds (overlapping chunks repeat sentences) is dropped without loss. Kept
 * sentences stay in their original order, joined by spaces. Without an embedder the lexical share
 * alone decides. CPU-bound (embeddings): call it on a worker. Thread-safe.
 */
final class ContextCompressor {
  static final double SEMANTIC = 0.6;
  static final double LEXICAL = 0.4;

  private final TokenCounter counter;
  private final java.util.function.Supplier<Embedder> embedder;

  ContextCompressor(TokenCounter counter, java.util.function.Supplier<Embedder> embedder) {
    this.counter = counter;
    this.embedder = embedder;
  }

  /**
   * @param repeat the same sentence is in an earlier source (overlapping chunks repeat sentences)
   */
  private record Sentence(
      int source, int index, String text, double score, int tokens, boolean repeat) {}

  /** The sources with shortened texts (same order, numbers and ids). */
  /**
   * @param minSentences sentences every source keeps whatever the ratio (its best ones)
   */
  List<RetrievedSource> compress(
      List<RetrievedSource> sources, String question, double ratio, int minSentences) {
    Set<String> q = Terms.distinct(question);
    Embedder e = embedder == null ? null : embedder.get();
    float[] qv = e == null ? null : e.embed(question);
    List<List<Sentence>> bySource = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (int s = 0; s < sources.size(); s++) {
      String text = sources.get(s).text();
      List<Sentence> sentences = new ArrayList<>();
      List<Span> spans = Sentences.split(text);
      List<String> texts = new ArrayList<>(spans.size());
      spans.forEach(sp -> texts.add(sp.of(text)));
      List<float[]> vectors = e == null || texts.isEmpty() ? null : e.embedAll(texts);
      for (int i = 0; i < spans.size(); i++) {
        String sentence = texts.get(i);
        int tokens = counter.count(sentence);
        double score =
            vectors == null
                ? score(q, sentence)
                : SEMANTIC * Math.max(0, Vectors.cosine(qv, vectors.get(i)))
                    + LEXICAL * score(q, sentence);
        Sentence x = new Sentence(s, i, sentence, score, tokens, !seen.add(sentence));
        sentences.add(x);
      }
      bySource.add(sentences);
    }
    boolean[][] keep = new boolean[sources.size()][];
    for (int s = 0; s < sources.size(); s++) {
      List<Sentence> sentences = new ArrayList<>(bySource.get(s));
      keep[s] = new boolean[sentences.size()];
      long budget = Math.round(sentences.stream().mapToLong(Sentence::tokens).sum() * ratio);
      sentences.sort(Comparator.comparingDouble(Sentence::score).reversed());
      long used = 0;
      int kept = 0;
      for (Sentence x : sentences) {
        if (x.repeat()) {
          continue;
        }
        if (kept < minSentences || used + x.tokens() <= budget) {
          keep[s][x.index()] = true;
          used += x.tokens();
          kept++;
        }
      }
      if (kept == 0 && !sentences.isEmpty()) {
        keep[s][sentences.get(0).index()] = true; // every source keeps some text to cite
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
