package dev.gantry.guardrails.injection;

import dev.gantry.ml.MiniLmEmbedder;

/**
 * One MiniLM embedder with a large cache for the injection tests of one test run: training,
 * retraining and the dev measurement embed many of the same texts, and embedding is most of their
 * time.
 */
public final class SharedEmbedder {
  private SharedEmbedder() {}

  private static final class Holder {
    static final MiniLmEmbedder INSTANCE = new MiniLmEmbedder(40_000);
  }

  public static MiniLmEmbedder get() {
    return Holder.INSTANCE;
  }
}
