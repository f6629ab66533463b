package dev.gantry.ml;

import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

/**
 * A bundled encoder (all-MiniLM-L6-v2 unless loaded otherwise) run with one ONNX Runtime thread per
 * inference and batches embedded on the caller's thread. Gantry parallelises across requests (the
 * worker pool, the batch scanner); nested thread pools inside each inference only oversubscribe the
 * cores.
 */
final class SingleThreadedModel extends AbstractInProcessEmbeddingModel {
  private final OnnxBertBiEncoder encoder;
  private final int dimensions;

  private SingleThreadedModel(OnnxBertBiEncoder encoder, int dimensions) {
    super(Runnable::run);
    this.encoder = encoder;
    this.dimensions = dimensions;
  }

  static SingleThreadedModel load() {
    return load(ModelFiles.MINILM_OWNER, ModelFiles.MINILM, MiniLmEmbedder.DIMENSIONS);
  }

  /** The mean-pooled encoder whose files {@code /<name>.onnx} etc. lie beside {@code owner}. */
  static SingleThreadedModel load(Class<?> owner, String name, int dimensions) {
    return ModelFiles.open(
        owner,
        name,
        (env, session, tokenizer) ->
            new SingleThreadedModel(
                new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.MEAN), dimensions));
  }

  @Override
  protected OnnxBertBiEncoder model() {
    return encoder;
  }

  @Override
  protected Integer knownDimension() {
    return dimensions;
  }
}
