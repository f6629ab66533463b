package dev.gantry.ml;

import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

/**
 * The bundled all-MiniLM-L6-v2 model run with one ONNX Runtime thread per inference and batches
 * embedded on the caller's thread. Gantry parallelises across requests (the worker pool, the batch
 * scanner); nested thread pools inside each inference only oversubscribe the cores.
 */
final class SingleThreadedModel extends AbstractInProcessEmbeddingModel {
  private final OnnxBertBiEncoder encoder;

  private SingleThreadedModel(OnnxBertBiEncoder encoder) {
    super(Runnable::run);
    this.encoder = encoder;
  }

  static SingleThreadedModel load() {
    return MiniLmFiles.open(
        (env, session, tokenizer) ->
            new SingleThreadedModel(
                new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.MEAN)));
  }

  @Override
  protected OnnxBertBiEncoder model() {
    return encoder;
  }

  @Override
  protected Integer knownDimension() {
    return MiniLmEmbedder.DIMENSIONS;
  }
}
