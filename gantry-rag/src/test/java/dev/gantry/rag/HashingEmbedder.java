package dev.gantry.rag;

import dev.gantry.ml.Embedder;
import dev.gantry.ml.Vectors;
import dev.gantry.rag.text.Terms;
import java.util.ArrayList;
import java.util.List;

/**
 * A bag-of-stems embedder of any width: each analysed term adds 1 at a position given by its hash.
 * Lexical, not semantic, but a real and deterministic embedder, standing in for a provider's
 * embeddings API (1536 floats for OpenAI text-embedding-3-small) in tests.
 */
final class HashingEmbedder implements Embedder {
  private final int dimensions;

  HashingEmbedder(int dimensions) {
    this.dimensions = dimensions;
  }

  @Override
  public int dimensions() {
    return dimensions;
  }

  @Override
  public float[] embed(String text) {
    float[] v = new float[dimensions];
    for (String t : Terms.of(text)) {
      v[Math.floorMod(t.hashCode(), dimensions)] += 1;
    }
    return Vectors.normalize(v);
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      out.add(embed(t));
    }
    return out;
  }
}
