package dev.gantry.guardrails.injection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import dev.gantry.ml.Embedder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Detects prompt injections and jailbreaks in a text, in process and on the CPU, in two layers.
 *
 * <p><b>Layer 1, heuristics</b> (about 0.1 ms for 1,000 characters): the text is normalised (NFKC,
 * invisible and bidi characters removed, Unicode tag characters decoded to the ASCII they smuggle,
 * Cyrillic and Greek lookalikes and leetspeak folded), base64, hex, percent-encoded and rot13
 * payloads are decoded, and named rules are matched against the text and each payload: instruction
 * overrides in English, Spanish, French, German, Italian, Portuguese, Dutch, Russian, Greek, Hindi,
 * Chinese, Japanese and Korean; role-play, DAN and developer-mode jailbreaks; requests for the
 * system prompt; chat-template and fake system-message delimiters. A match flags the text.
 *
 * <p><b>Layer 2, classifier</b> (one or two sentence embeddings, about 8 ms for 1,000 characters on
 * one core): logistic regression over the text's embedding and hand features, plus, for texts of
 * several lines or sentences, the best-scoring line or sentence on its own, so that one instruction
 * hidden in a long table, e-mail or code answer is not diluted. It runs when no rule matched; its
 * weights are trained by {@link InjectionTrainer}.
 *
 * <p>Instances are immutable, shared and thread-safe. Layer 2 calls the embedder, which is
 * CPU-heavy: callers on an event loop must run {@link #detect} on a worker pool.
 */
public final class InjectionDetector {
  /**
   * Where a text reaches the model, which sets the classifier's operating point: instructions in a
   * user's own message are normal, so a prompt is judged on how much it reads like an attack on the
   * assistant; a document (a tool result, retrieved context) should hold no instructions to the
   * assistant at all, and its operating point is calibrated on documents, clean and attacked.
   */
  public enum Role {
    /** A message written to the model (user turn). */
    PROMPT,
    /** Text given to the model to read (tool result, retrieved passage, e-mail, web page). */
    DOCUMENT
  }

  /** Class-path location of the bundled weights, trained on the project's injection data. */
  public static final String BUNDLED_WEIGHTS = "/dev/gantry/guardrails/injection/weights.json";

  private final Embedder embedder;
  private final InjectionModel model;

  private InjectionDetector(Embedder embedder, InjectionModel model) {
    this.embedder = embedder;
    this.model = model;
    if (model != null) {
      int expected = embedder.dimensions() + Features.DOCUMENT_EXTRA;
      if (model.document.dimensions() != expected) {
        throw new IllegalArgumentException(
            "weights expect "
                + (model.document.dimensions() - Features.DOCUMENT_EXTRA)
                + "-dimensional embeddings, the embedder gives "
                + embedder.dimensions());
      }
    }
  }

  /**
   * Both layers with the bundled weights, which were trained on all-MiniLM-L6-v2 embeddings: pass a
   * {@code MiniLmEmbedder} (sharing the one the topic filter uses is fine and saves memory).
   */
  public static InjectionDetector defaults(Embedder embedder) {
    try (InputStream in = InjectionDetector.class.getResourceAsStream(BUNDLED_WEIGHTS)) {
      if (in == null) {
        throw new IllegalStateException("bundled weights missing: " + BUNDLED_WEIGHTS);
      }
      return withWeights(embedder, in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Both layers with weights written by {@link InjectionTrainer}. */
  public static InjectionDetector withWeights(Embedder embedder, Path weights) throws IOException {
    try (InputStream in = Files.newInputStream(weights)) {
      return withWeights(embedder, in);
    }
  }

  static InjectionDetector withWeights(Embedder embedder, InputStream weights) throws IOException {
    Objects.requireNonNull(embedder, "embedder");
    JsonNode node = Json.MAPPER.readTree(weights);
    return new InjectionDetector(embedder, InjectionModel.fromJson(node));
  }

  static InjectionDetector of(Embedder embedder, InjectionModel model) {
    return new InjectionDetector(embedder, model);
  }

  /** Layer 1 only: no embeddings, microseconds per text, lower recall. */
  public static InjectionDetector heuristicsOnly() {
    return new InjectionDetector(null, null);
  }

  /** Checks {@code text}; equivalent to {@code detect(text, null)}. */
  public InjectionVerdict detect(String text) {
    return detect(text, (float[]) null);
  }

  /**
   * Checks {@code text}.
   *
   * @param embeddingOrNull the embedder's vector for the first {@value
   *     InjectionModel#DOCUMENT_CHARS} characters of {@code text} (all of it when shorter), if the
   *     caller already has it (the topic filter embeds the same window); it is used when
   *     normalisation leaves the text unchanged, and ignored otherwise. Pass null to let the
   *     detector embed.
   */
  public InjectionVerdict detect(String text, float[] embeddingOrNull) {
    return detect(text, embeddingOrNull == null ? null : () -> embeddingOrNull);
  }

  /**
   * Checks {@code text}, asking {@code embedding} for the vector of its first {@value
   * InjectionModel#DOCUMENT_CHARS} characters only after embedding the text's most suspicious line,
   * so a caller that computes the shared embedding on another thread overlaps the two.
   *
   * @param embedding supplies what {@link #detect(String, float[])} takes; null to embed here
   */
  public InjectionVerdict detect(String text, java.util.function.Supplier<float[]> embedding) {
    return detect(text, embedding, Role.PROMPT);
  }

  /**
   * Checks {@code text} at the operating point of its {@code role}.
   *
   * @param embedding supplies what {@link #detect(String, float[])} takes; null to embed here
   */
  public InjectionVerdict detect(
      String text, java.util.function.Supplier<float[]> embedding, Role role) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(role, "role");
    Heuristics.Result h = Heuristics.check(text);
    String payload =
        h.flaggedPayload() != null
            ? h.flaggedPayload().text()
            : h.payloads().isEmpty() ? null : h.payloads().get(0).text();
    if (h.flagged()) {
      return new InjectionVerdict(
          true, 1, InjectionVerdict.Layer.HEURISTIC, h.matched(), payload, null);
    }
    String clean = h.normalized().clean();
    if (model == null || clean.isBlank()) {
      return new InjectionVerdict(
          false, 0, InjectionVerdict.Layer.HEURISTIC, List.of(), payload, null);
    }
    java.util.function.Supplier<float[]> reuse =
        embedding != null && clean.equals(text) && embedder != null ? embedding : null;
    InjectionModel.Score s = model.score(h, reuse, embedder, InjectionModel.DETECTION_UNIT_GATE);
    double margin = s.margin();
    String evidence = s.decidedByUnit(model) ? s.unit() : null;
    for (PayloadDecoder.Payload p : h.payloads()) {
      Heuristics.Result ph = Heuristics.check(p.text());
      if (ph.normalized().clean().isBlank()) {
        continue;
      }
      InjectionModel.Score ps = model.score(ph, null, embedder, InjectionModel.DETECTION_UNIT_GATE);
      if (ps.margin() > margin) {
        margin = ps.margin();
        payload = p.text();
        evidence = ps.decidedByUnit(model) ? ps.unit() : null;
      }
    }
    if (role == Role.DOCUMENT) {
      margin -= model.documentRoleOffset;
    }
    boolean flagged = margin >= 0;
    return new InjectionVerdict(
        flagged,
        sigmoid(margin),
        InjectionVerdict.Layer.CLASSIFIER,
        List.of(),
        payload,
        flagged ? evidence : null);
  }

  private static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  @Override
  public String toString() {
    return model == null
        ? "InjectionDetector[heuristics]"
        : "InjectionDetector[heuristics + classifier, " + embedder.getClass().getSimpleName() + "]";
  }
}
