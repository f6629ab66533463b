package dev.gantry.guardrails;

import dev.gantry.ml.Embedder;
import java.util.Objects;

/**
 * A text to check, with its sentence embedding computed at most once however many checks ask for it
 * (the injection classifier and the topic filter share one). Thread-safe.
 */
public final class GuardText {
  private final String text;
  private final Embedder embedder;
  private volatile float[] embedding;

  public GuardText(String text, Embedder embedder) {
    this.text = Objects.requireNonNull(text, "text");
    this.embedder = embedder;
  }

  /** A text whose embedding was already computed (e.g. in a batch) by the same embedder. */
  public GuardText(String text, Embedder embedder, float[] embedding) {
    this(text, embedder);
    this.embedding = embedding;
  }

  public String text() {
    return text;
  }

  /** The embedding of {@link #text()}; computed on first use (milliseconds of CPU). */
  public float[] embedding() {
    float[] e = embedding;
    if (e == null) {
      synchronized (this) {
        e = embedding;
        if (e == null) {
          if (embedder == null) {
            throw new IllegalStateException("no embedder was given for this text");
          }
          e = embedder.embed(text);
          embedding = e;
        }
      }
    }
    return e;
  }

  @Override
  public String toString() {
    return "GuardText[" + text.length() + " chars]";
  }
}
