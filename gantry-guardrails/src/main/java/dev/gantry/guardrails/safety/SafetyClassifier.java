package dev.gantry.guardrails.safety;

import dev.gantry.core.api.Json;
import dev.gantry.ml.Embedder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Scores a text on every {@link SafetyCategory}, in process and on the CPU. The full heads read the
 * text's sentence embedding (the one {@code GuardText} shares between checks, so on the input side
 * safety costs microseconds beyond it) and hashed words; the lexical heads read the words alone and
 * serve stream windows, where no embedding is computed. Weights come from {@link SafetyTrainer}.
 * Instances are immutable, shared and thread-safe; {@link #classify} may embed (milliseconds), so
 * callers on an event loop use {@link #classifyLexical} or run it on a worker pool.
 */
public final class SafetyClassifier {
  /** Class-path location of the bundled weights, trained on the project's safety data. */
  public static final String BUNDLED_WEIGHTS = "/dev/gantry/guardrails/safety/weights.json";

  private final Embedder embedder;
  private final SafetyModel model;

  SafetyClassifier(Embedder embedder, SafetyModel model) {
    this.embedder = embedder;
    this.model = Objects.requireNonNull(model, "model");
    if (embedder != null && embedder.dimensions() != model.embeddingDimensions()) {
      throw new IllegalArgumentException(
          "weights expect "
              + model.embeddingDimensions()
              + "-dimensional embeddings, the embedder gives "
              + embedder.dimensions());
    }
  }

  /**
   * The bundled weights, trained on all-MiniLM-L6-v2 embeddings: pass a {@code MiniLmEmbedder} (the
   * one the other checks use).
   */
  public static SafetyClassifier defaults(Embedder embedder) {
    try (InputStream in = SafetyClassifier.class.getResourceAsStream(BUNDLED_WEIGHTS)) {
      if (in == null) {
        throw new IllegalStateException("bundled weights missing: " + BUNDLED_WEIGHTS);
      }
      return new SafetyClassifier(embedder, SafetyModel.fromJson(Json.MAPPER.readTree(in)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Weights written by {@link SafetyTrainer}. */
  public static SafetyClassifier withWeights(Embedder embedder, Path weights) throws IOException {
    try (InputStream in = Files.newInputStream(weights)) {
      return new SafetyClassifier(embedder, SafetyModel.fromJson(Json.MAPPER.readTree(in)));
    }
  }

  /** Scores {@code text} with the full heads, embedding its first 1,000 characters. */
  public SafetyVerdict classify(String text) {
    return classify(text, null);
  }

  /**
   * Scores {@code text} with the full heads.
   *
   * @param embedding supplies the embedding of the text's first 1,000 characters ({@code
   *     GuardText::embedding}); null to compute it here
   */
  public SafetyVerdict classify(String text, Supplier<float[]> embedding) {
    Objects.requireNonNull(text, "text");
    if (embedding == null && embedder == null) {
      return classifyLexical(text);
    }
    float[] e =
        embedding != null
            ? embedding.get()
            : embedder.embed(dev.gantry.guardrails.GuardText.window(text));
    return scoreFull(SafetyFeatures.full(e, SafetyFeatures.lexical(text)));
  }

  SafetyVerdict scoreFull(double[] full) {
    Map<SafetyCategory, Double> scores = new EnumMap<>(SafetyCategory.class);
    model.heads.forEach((c, h) -> scores.put(c, sigmoid(h.full().logit(full) - h.fullThreshold())));
    return new SafetyVerdict(scores, false);
  }

  /** Scores {@code text} with the lexical heads only: no embedding, microseconds. */
  public SafetyVerdict classifyLexical(String text) {
    Objects.requireNonNull(text, "text");
    return scoreLexical(SafetyFeatures.lexical(text));
  }

  SafetyVerdict scoreLexical(double[] lexical) {
    Map<SafetyCategory, Double> scores = new EnumMap<>(SafetyCategory.class);
    model.heads.forEach(
        (c, h) -> scores.put(c, sigmoid(h.lexical().logit(lexical) - h.lexicalThreshold())));
    return new SafetyVerdict(scores, true);
  }

  static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  @Override
  public String toString() {
    return "SafetyClassifier[" + (embedder == null ? "lexical" : "full") + "]";
  }
}
