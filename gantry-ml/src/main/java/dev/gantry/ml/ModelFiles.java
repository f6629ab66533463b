package dev.gantry.ml;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;

/**
 * Opens the files of a bundled encoder (all-MiniLM-L6-v2 by default): an ONNX Runtime session with
 * one thread per inference (Gantry parallelises across requests) and the tokenizer's JSON.
 * Stateless.
 */
final class ModelFiles {
  private ModelFiles() {}

  /** Builds something from the session and the tokenizer stream (closed afterwards). */
  @FunctionalInterface
  interface Loader<T> {
    T load(OrtEnvironment env, OrtSession session, InputStream tokenizer)
        throws IOException, OrtException;
  }

  /** The class beside which the bundled all-MiniLM-L6-v2 files lie, and their name. */
  static final Class<?> MINILM_OWNER = AllMiniLmL6V2QuantizedEmbeddingModel.class;

  static final String MINILM = "all-minilm-l6-v2-q";

  /** Opens the bundled all-MiniLM-L6-v2 files. */
  static <T> T open(Loader<T> loader) {
    return open(MINILM_OWNER, MINILM, loader);
  }

  /**
   * Opens {@code /<name>.onnx} and {@code /<name>-tokenizer.json} from the class path of {@code
   * owner}.
   */
  static <T> T open(Class<?> owner, String name, Loader<T> loader) {
    try (InputStream model = owner.getResourceAsStream("/" + name + ".onnx");
        InputStream tokenizer = owner.getResourceAsStream("/" + name + "-tokenizer.json")) {
      if (model == null || tokenizer == null) {
        throw new IllegalStateException("the model " + name + " is missing from the classpath");
      }
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      return loader.load(env, env.createSession(model.readAllBytes(), options), tokenizer);
    } catch (IOException | OrtException e) {
      throw new IllegalStateException("cannot load the model " + name + ": " + e.getMessage(), e);
    }
  }
}
