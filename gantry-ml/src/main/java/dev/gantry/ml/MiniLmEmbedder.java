package dev.gantry.ml;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import java.util.ArrayList;
import java.util.List;

/**
 * all-MiniLM-L6-v2 (quantised ONNX, 384 dimensions) running in-process; the model and its tokenizer
 * ship inside a Maven artifact, so nothing is downloaded at run time. Recent texts are served from
 * a bounded cache (Caffeine, size-bounded by entry count). Shared and thread-safe; loading takes
 * about half a second, so create one per process.
 */
public final class MiniLmEmbedder implements Embedder {
  /** Vector length of all-MiniLM-L6-v2. */
  public static final int DIMENSIONS = 384;

  private final dev.langchain4j.model.embedding.EmbeddingModel model;
  private final Cache<String, float[]> cache;

  /**
   * @param cacheEntries texts whose vectors are kept (0 disables the cache)
   */
  public MiniLmEmbedder(long cacheEntries) {
    this.model = SingleThreadedModel.load();
    this.cache = Caffeine.newBuilder().maximumSize(cacheEntries).build();
  }

  @Override
  public int dimensions() {
    return DIMENSIONS;
  }

  @Override
  public float[] embed(String text) {
    return cache.get(text, t -> Vectors.normalize(model.embed(t).content().vector()));
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    List<String> missing = new ArrayList<>();
    for (String text : texts) {
      float[] hit = cache.getIfPresent(text);
      out.add(hit);
      if (hit == null) {
        missing.add(text);
      }
    }
    if (!missing.isEmpty()) {
      List<TextSegment> segments = new ArrayList<>(missing.size());
      for (String text : missing) {
        segments.add(TextSegment.from(text));
      }
      List<Embedding> computed = model.embedAll(segments).content();
      for (int i = 0, m = 0; i < out.size(); i++) {
        if (out.get(i) == null) {
          float[] v = Vectors.normalize(computed.get(m++).vector());
          cache.put(texts.get(i), v);
          out.set(i, v);
        }
      }
    }
    return out;
  }
}
