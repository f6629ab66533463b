package dev.gantry.guardrails.injection;

import dev.gantry.ml.MiniLmEmbedder;

/**
 * One MiniLM embedder with a large cache (about 150 MB) for the model tests of one test run: the
 * injection and safety training, retraining and dev measurements embed many of the same texts, and
 * embedding is most of their time.
 */
public final class SharedEmbedder {
  private SharedEmbedder() {}

  private static final class Holder {
    static final MiniLmEmbedder INSTANCE = new MiniLmEmbedder(100_000);
  }

  public static MiniLmEmbedder get() {
    return Holder.INSTANCE;
  }
}
