package dev.gantry.guardrails.injection;

import dev.gantry.ml.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Another embedder's vectors with Gaussian noise of a fixed spread added to every component: a
 * stand-in for the same model run on another CPU, whose vectors differ in their last bits. The
 * noise of a text depends only on the text and the seed, so repeated calls agree. Thread-safe if
 * the wrapped embedder is.
 */
public final class PerturbedEmbedder implements Embedder {
  private final Embedder inner;
  private final double spread;
  private final long seed;

  public PerturbedEmbedder(Embedder inner, double spread, long seed) {
    this.inner = inner;
    this.spread = spread;
    this.seed = seed;
  }

  @Override
  public int dimensions() {
    return inner.dimensions();
  }

  @Override
  public float[] embed(String text) {
    return perturb(text, inner.embed(text));
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    List<float[]> vectors = inner.embedAll(texts);
    List<float[]> out = new ArrayList<>(vectors.size());
    for (int i = 0; i < vectors.size(); i++) {
      out.add(perturb(texts.get(i), vectors.get(i)));
    }
    return out;
  }

  private float[] perturb(String text, float[] v) {
    SplittableRandom r = new SplittableRandom(seed * 31 + text.hashCode());
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] + r.nextGaussian() * spread);
    }
    return out;
  }
}
