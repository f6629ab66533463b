package dev.gantry.ml;

import java.util.ArrayList;
import java.util.List;

/**
 * Several encoders read as one: a text's vector is the concatenation of its unit vectors from each
 * part, each scaled by 1/√n, so the vector has unit length and the cosine of two such vectors is
 * the mean of the parts' cosines. Encoders trained on different data err on different pairs, so the
 * mean separates paraphrases from near-misses better than either alone (see {@code
 * bench/RESULTS.md}, "Response cache"); it costs the sum of the parts. Each part keeps its own
 * cache of recent texts. Thread-safe when the parts are.
 */
public final class EnsembleEmbedder implements Embedder {
  private final List<Embedder> parts;
  private final float scale;
  private final int dimensions;

  /**
   * @param parts the encoders, at least one, each returning unit vectors
   */
  public EnsembleEmbedder(List<Embedder> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("an ensemble needs at least one encoder");
    }
    this.parts = List.copyOf(parts);
    this.scale = (float) (1 / Math.sqrt(parts.size()));
    this.dimensions = parts.stream().mapToInt(Embedder::dimensions).sum();
  }

  @Override
  public int dimensions() {
    return dimensions;
  }

  @Override
  public float[] embed(String text) {
    float[] out = new float[dimensions];
    int at = 0;
    for (Embedder e : parts) {
      at = put(e.embed(text), out, at);
    }
    return out;
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      out.add(new float[dimensions]);
    }
    int at = 0;
    for (Embedder e : parts) {
      List<float[]> vs = e.embedAll(texts);
      for (int i = 0; i < texts.size(); i++) {
        put(vs.get(i), out.get(i), at);
      }
      at += e.dimensions();
    }
    return out;
  }

  private int put(float[] v, float[] out, int at) {
    for (int i = 0; i < v.length; i++) {
      out[at + i] = v[i] * scale;
    }
    return at + v.length;
  }
}
