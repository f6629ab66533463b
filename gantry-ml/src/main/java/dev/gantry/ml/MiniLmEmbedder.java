package dev.gantry.ml;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.List;

/**
 * all-MiniLM-L6-v2 (quantised ONNX, 384 dimensions) running in-process; the model and its tokenizer
 * ship inside a Maven artifact, so nothing is downloaded at run time. A text embedded alone runs on
 * langchain4j's encoder (which averages the 510-token parts of longer texts): the vectors the
 * bundled classifiers were trained on. Several texts batched across requests ({@link #embedBatch})
 * run in one padded inference on {@link DirectEncoder}, whose vectors differ slightly (see there).
 * Recent texts are served from a bounded cache (Caffeine, size-bounded by entry count). Shared and
 * thread-safe; loading takes about half a second, so create one per process.
 */
public final class MiniLmEmbedder implements Embedder {
  /** Vector length of all-MiniLM-L6-v2. */
  public static final int DIMENSIONS = 384;

  private final DirectEncoder encoder;
  private final dev.langchain4j.model.embedding.EmbeddingModel single;
  private final Cache<String, float[]> cache;

  /**
   * @param cacheEntries texts whose vectors are kept (0 disables the cache)
   */
  public MiniLmEmbedder(long cacheEntries) {
    this.encoder = DirectEncoder.load();
    this.single = SingleThreadedModel.load();
    this.cache = Caffeine.newBuilder().maximumSize(cacheEntries).build();
  }

  private float[] compute(String text) {
    return Vectors.normalize(single.embed(text).content().vector());
  }

  /**
   * Embeds the texts in one padded inference where they fit (see {@link DirectEncoder} for how the
   * vectors differ from single ones); for batching across requests. Not cached, except that a batch
   * of one is embedded alone like {@link #embed}.
   */
  public List<float[]> embedBatch(List<String> texts) {
    if (texts.size() == 1) {
      return List.of(embed(texts.get(0)));
    }
    List<ai.djl.huggingface.tokenizers.Encoding> fit = new ArrayList<>();
    List<Integer> where = new ArrayList<>();
    List<float[]> out = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      ai.djl.huggingface.tokenizers.Encoding e = encoder.encode(texts.get(i));
      out.add(null);
      if (e == null) {
        out.set(i, compute(texts.get(i)));
      } else {
        fit.add(e);
        where.add(i);
      }
    }
    if (!fit.isEmpty()) {
      List<float[]> vectors = encoder.embed(fit);
      for (int k = 0; k < where.size(); k++) {
        out.set(where.get(k), vectors.get(k));
      }
    }
    return out;
  }

  @Override
  public int dimensions() {
    return DIMENSIONS;
  }

  @Override
  public float[] embed(String text) {
    return cache.get(text, this::compute);
  }

  /** Each text embedded alone (the same vector as {@link #embed}), from the cache where it can. */
  @Override
  public List<float[]> embedAll(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    for (String text : texts) {
      out.add(embed(text));
    }
    return out;
  }
}
