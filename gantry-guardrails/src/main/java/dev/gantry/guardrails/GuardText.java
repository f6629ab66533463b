package dev.gantry.guardrails;

import dev.gantry.ml.Embedder;
import java.util.Objects;

/**
 * A text to check, with its sentence embedding computed at most once however many checks ask for it
 * (the injection classifier and the topic filter share one). The embedding is that of the text's
 * first {@value #WINDOW} characters: what a request is about shows at its start, the injection
 * classifier reads that same window, and a sentence model gains little from more. Thread-safe.
 */
public final class GuardText {
  /** Characters of the text that the shared embedding covers. */
  public static final int WINDOW = 1000;

  private final String text;
  private final Embedder embedder;
  private final boolean document;
  private volatile float[] embedding;

  public GuardText(String text, Embedder embedder) {
    this(text, embedder, false);
  }

  /**
   * @param document true when the text is a document the model is given to read (a tool result,
   *     retrieved context) rather than a message written to it; checks calibrated per role (the
   *     injection detector) use their document operating point
   */
  public GuardText(String text, Embedder embedder, boolean document) {
    this.text = Objects.requireNonNull(text, "text");
    this.embedder = embedder;
    this.document = document;
  }

  /** A text whose embedding was already computed (e.g. in a batch) by the same embedder. */
  public GuardText(String text, Embedder embedder, float[] embedding) {
    this(text, embedder);
    this.embedding = embedding;
  }

  public String text() {
    return text;
  }

  /** True when the text is a document rather than a message (see the constructor). */
  public boolean document() {
    return document;
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
          e = embedder.embed(window(text));
          embedding = e;
        }
      }
    }
    return e;
  }

  /** The part of {@code text} that the shared embedding covers. */
  public static String window(String text) {
    if (text.length() <= WINDOW) {
      return text;
    }
    int end = WINDOW;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }

  @Override
  public String toString() {
    return "GuardText[" + text.length() + " chars]";
  }
}
