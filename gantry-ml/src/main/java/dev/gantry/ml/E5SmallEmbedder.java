package dev.gantry.ml;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;

/**
 * e5-small-v2 (quantised ONNX, 12 layers, 384 dimensions, mean-pooled) running in-process; the
 * model and its tokenizer ship inside a Maven artifact. Every text is embedded as a query ({@code
 * "query: "} before it, as the model was trained for symmetric tasks such as paraphrase matching).
 * On long, documentation-style sentences it separates paraphrases from near-misses better than
 * all-MiniLM-L6-v2, but it scores short questions that differ in one key word ("cancel" / "renew my
 * subscription") 0.94-0.96 (see {@code bench/RESULTS.md}, "Response cache"); it costs about twice
 * as much per text, and its similarities are compressed towards 1 (unrelated questions score about
 * 0.7), so thresholds chosen for MiniLM do not carry over. Recent texts are served from a bounded
 * cache. Shared and thread-safe; loading takes about half a second, so create one per process.
 */
public final class E5SmallEmbedder implements Embedder {
  /** Vector length of e5-small-v2. */
  public static final int DIMENSIONS = 384;

  private final SingleThreadedModel model;
  private final Cache<String, float[]> cache;

  /**
   * @param cacheEntries texts whose vectors are kept (0 disables the cache)
   */
  public E5SmallEmbedder(long cacheEntries) {
    this.model = SingleThreadedModel.load(E5SmallEmbedder.class, "e5-small-v2-q", DIMENSIONS);
    this.cache = Caffeine.newBuilder().maximumSize(cacheEntries).executor(Runnable::run).build();
  }

  private float[] compute(String text) {
    return Vectors.normalize(model.embed("query: " + text).content().vector());
  }

  @Override
  public int dimensions() {
    return DIMENSIONS;
  }

  @Override
  public float[] embed(String text) {
    return cache.get(text, this::compute);
  }

  /** Each text embedded alone, from the cache where it can. */
  @Override
  public List<float[]> embedAll(List<String> texts) {
    return texts.stream().map(this::embed).toList();
  }
}
