package dev.gantry.rag.answer;

import dev.gantry.ml.Embedder;
import dev.gantry.ml.Vectors;
import dev.gantry.rag.RetrievedChunk;
import dev.gantry.rag.text.Sentences;
import dev.gantry.rag.text.Span;
import dev.gantry.rag.text.Terms;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Answers a question without a language model by quoting the retrieved sentences that support it
 * best. Every sentence of the first {@code maxChunks} chunks is scored as
 *
 * <pre>
 * support = w · max(0, cosine(question, sentence)) + (1 − w) · overlap
 * </pre>
 *
 * where the cosine is of sentence embeddings and overlap is the share of the question's analysed
 * terms (English stems, stop words removed) that occur in the sentence. The best sentence is quoted
 * with its citation; the runner-up is added when its support is at least {@code secondRatio} of the
 * best. When the best support is below {@code threshold}, or nothing was retrieved, the answer is
 * exactly {@link #I_DONT_KNOW}.
 *
 * <p>Shared and thread-safe. Each call embeds the question and the candidate sentences
 * (milliseconds each): run it off an event loop.
 */
public final class ExtractiveAnswerer {
  /** The whole text of an abstaining answer. */
  public static final String I_DONT_KNOW = "I don't know: the knowledge base has nothing on this.";

  /**
   * Tuning of the answerer.
   *
   * @param threshold least support to answer, in [0, 1]
   * @param semanticWeight w, the weight of embedding similarity against term overlap, in [0, 1]
   * @param maxChunks chunks (best first) whose sentences are considered, at least 1
   * @param maxSentences sentences quoted, 1 or 2
   * @param secondRatio the runner-up is quoted when its support is at least this share of the best,
   *     in [0, 1]
   */
  public record Settings(
      double threshold,
      double semanticWeight,
      int maxChunks,
      int maxSentences,
      double secondRatio) {
    public Settings {
      unit("threshold", threshold);
      unit("semanticWeight", semanticWeight);
      unit("secondRatio", secondRatio);
      if (maxChunks < 1) {
        throw new IllegalArgumentException("maxChunks must be at least 1, was " + maxChunks);
      }
      if (maxSentences < 1 || maxSentences > 2) {
        throw new IllegalArgumentException("maxSentences must be 1 or 2, was " + maxSentences);
      }
    }

    /** Calibrated for all-MiniLM-L6-v2 on the demo knowledge base; see the module README. */
    public static Settings defaults() {
      return new Settings(0.33, 0.6, 3, 2, 0.6);
    }

    private static void unit(String name, double v) {
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException(name + " must be in [0, 1], was " + v);
      }
    }
  }

  private record Scored(
      int number,
      RetrievedChunk chunk,
      Span span,
      String sentence,
      double score,
      double semantic,
      Set<String> shared) {
    Scored rescored(double newScore) {
      return new Scored(number, chunk, span, sentence, newScore, semantic, shared);
    }
  }

  private final Embedder embedder;
  private final Settings settings;

  public ExtractiveAnswerer(Embedder embedder, Settings settings) {
    this.embedder = embedder;
    this.settings = settings;
  }

  /** With {@link Settings#defaults()}. */
  public ExtractiveAnswerer(Embedder embedder) {
    this(embedder, Settings.defaults());
  }

  public Settings settings() {
    return settings;
  }

  /**
   * @param question the user's question
   * @param chunks retrieved chunks, best first; citation numbers are positions in this list
   */
  public Answer answer(String question, List<RetrievedChunk> chunks) {
    List<Scored> scored = score(question, chunks);
    if (scored.isEmpty()) {
      return new Answer(I_DONT_KNOW, List.of(), true, 0);
    }
    Scored best = scored.get(0);
    if (best.score() < settings.threshold()) {
      return new Answer(I_DONT_KNOW, List.of(), true, best.score());
    }
    List<Scored> quoted = new ArrayList<>(List.of(best));
    if (settings.maxSentences() > 1) {
      Scored second = second(best, scored, Terms.distinct(question).size());
      if (second != null) {
        quoted.add(second);
        quoted.sort(
            Comparator.comparingInt(Scored::number).thenComparingInt(x -> x.span().start()));
      }
    }
    StringBuilder text = new StringBuilder();
    List<Citation> citations = new ArrayList<>();
    for (Scored s : quoted) {
      if (text.length() > 0) {
        text.append(' ');
      }
      text.append(s.sentence()).append(" [").append(s.number()).append(']');
      citations.add(
          new Citation(
              s.number(),
              s.chunk().id(),
              s.chunk().document(),
              s.sentence(),
              s.chunk().start() + s.span().start(),
              s.chunk().start() + s.span().end(),
              s.score()));
    }
    return new Answer(text.toString(), citations, false, best.score());
  }

  /** Every distinct candidate sentence with its support, best first. */
  private List<Scored> score(String question, List<RetrievedChunk> chunks) {
    List<Scored> candidates = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    Set<String> distinct = new HashSet<>();
    int n = Math.min(chunks.size(), settings.maxChunks());
    for (int i = 0; i < n; i++) {
      RetrievedChunk c = chunks.get(i);
      for (Span s : Sentences.split(c.text())) {
        String sentence = s.of(c.text());
        if (distinct.add(sentence)) { // the same sentence in two chunks is quoted from the first
          candidates.add(new Scored(i + 1, c, s, sentence, 0, 0, Set.of()));
          texts.add(sentence);
        }
      }
    }
    if (candidates.isEmpty() || question.isBlank()) {
      return List.of();
    }
    Set<String> questionTerms = Terms.distinct(question);
    float[] q = embedder.embed(question);
    List<float[]> vectors = embedder.embedAll(texts);
    List<Scored> out = new ArrayList<>(candidates.size());
    for (int i = 0; i < candidates.size(); i++) {
      Scored c = candidates.get(i);
      double semantic = Math.max(0, Vectors.cosine(q, vectors.get(i)));
      Set<String> shared = new HashSet<>(Terms.distinct(c.sentence()));
      shared.retainAll(questionTerms);
      Scored s = new Scored(c.number(), c.chunk(), c.span(), c.sentence(), 0, semantic, shared);
      out.add(s.rescored(support(semantic, shared.size(), questionTerms.size())));
    }
    out.sort(Comparator.comparingDouble(Scored::score).reversed());
    return out;
  }

  /**
   * The runner-up to quote with {@code best}: the sentence with the most support counting only
   * question terms that {@code best} does not already contain, if that reaches secondRatio of the
   * best support.
   */
  private Scored second(Scored best, List<Scored> scored, int questionTerms) {
    Scored pick = null;
    for (Scored s : scored) {
      if (s == best) {
        continue;
      }
      Set<String> fresh = new HashSet<>(s.shared());
      fresh.removeAll(best.shared());
      double marginal = support(s.semantic(), fresh.size(), questionTerms);
      if (pick == null || marginal > pick.score()) {
        pick = s.rescored(marginal);
      }
    }
    return pick != null && pick.score() >= settings.secondRatio() * best.score() ? pick : null;
  }

  private double support(double semantic, int sharedTerms, int questionTerms) {
    double lexical = questionTerms == 0 ? 0 : (double) sharedTerms / questionTerms;
    double w = settings.semanticWeight();
    return w * semantic + (1 - w) * lexical;
  }
}
