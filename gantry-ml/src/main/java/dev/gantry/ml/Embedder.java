package dev.gantry.ml;

import java.util.List;

/**
 * Turns text into a sentence embedding: a unit-length vector of {@link #dimensions()} floats whose
 * cosine similarity (a plain dot product, since vectors are normalised) is high for texts that mean
 * the same. Implementations are shared and thread-safe. Embedding is CPU-heavy (milliseconds per
 * text): callers on an event loop must run it on a worker pool.
 */
public interface Embedder {

  /** Length of every vector this embedder returns. */
  int dimensions();

  /** The embedding of {@code text}; the caller must not modify the returned array. */
  float[] embed(String text);

  /** Embeddings of several texts, in order; faster than one call per text. */
  List<float[]> embedAll(List<String> texts);
}
