package dev.gantry.ml;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;

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
    Class<?> owner = AllMiniLmL6V2QuantizedEmbeddingModel.class;
    try (InputStream model = owner.getResourceAsStream("/all-minilm-l6-v2-q.onnx");
        InputStream tokenizer = owner.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json")) {
      if (model == null || tokenizer == null) {
        throw new IllegalStateException("the MiniLM model is missing from the classpath");
      }
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      OrtSession session = env.createSession(model.readAllBytes(), options);
      return new SingleThreadedModel(
          new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.MEAN));
    } catch (IOException | OrtException e) {
      throw new IllegalStateException("cannot load the MiniLM model: " + e.getMessage(), e);
    }
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
