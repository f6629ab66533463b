package dev.gantry.ml;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * all-MiniLM-L6-v2 run directly on ONNX Runtime (one intra-op thread): the text is tokenized as
 * langchain4j's encoder does it, run, and its token vectors mean-pooled and normalised; unlike that
 * encoder, this one can run several texts in one inference. A batch pads its texts to the longest
 * and runs them in one inference; since the quantised model scales its activations per batch,
 * batched vectors differ slightly from single ones (cosine ≈ 0.997 at 1,000 characters). Texts
 * longer than {@value #MAX_TOKENS} tokens are not handled here ({@link #fits}). Shared and
 * thread-safe.
 */
final class DirectEncoder {
  /** Most tokens (with [CLS] and [SEP]) one text may have. */
  static final int MAX_TOKENS = 512;

  private final OrtEnvironment env;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;

  private DirectEncoder(OrtEnvironment env, OrtSession session, HuggingFaceTokenizer tokenizer) {
    this.env = env;
    this.session = session;
    this.tokenizer = tokenizer;
  }

  static DirectEncoder load() {
    return ModelFiles.open(
        (env, session, tokenizer) ->
            new DirectEncoder(
                env,
                session,
                HuggingFaceTokenizer.newInstance(tokenizer, Map.of("padding", "false"))));
  }

  /**
   * The text's encoding, or null when it has more than {@value #MAX_TOKENS} tokens or none. The
   * tokens are found the way langchain4j's encoder finds them (tokenize, rebuild the sentence from
   * the word pieces, encode that), so that the vectors are those the bundled classifiers were
   * trained on, also for text whose pieces do not round-trip (unusual characters).
   */
  Encoding encode(String text) {
    List<String> tokens = tokenizer.tokenize(text);
    if (tokens.size() <= 2 || tokens.size() > MAX_TOKENS) {
      return null;
    }
    List<String> inner = tokens.subList(1, tokens.size() - 1);
    String sentence = tokenizer.buildSentence(inner);
    List<String> again = tokenizer.tokenize(sentence);
    boolean same = again.size() >= 2 && again.subList(1, again.size() - 1).equals(inner);
    return tokenizer.encode(same ? sentence : String.join("", inner), true, false);
  }

  /** The normalised embeddings of the encoded texts, from one inference. */
  List<float[]> embed(List<Encoding> batch) {
    int n = batch.size();
    int width = 0;
    for (Encoding e : batch) {
      width = Math.max(width, e.getIds().length);
    }
    long[] ids = new long[n * width];
    long[] mask = new long[n * width];
    long[] types = new long[n * width];
    for (int i = 0; i < n; i++) {
      Encoding e = batch.get(i);
      System.arraycopy(e.getIds(), 0, ids, i * width, e.getIds().length);
      System.arraycopy(e.getAttentionMask(), 0, mask, i * width, e.getAttentionMask().length);
      System.arraycopy(e.getTypeIds(), 0, types, i * width, e.getTypeIds().length);
    }
    long[] shape = {n, width};
    try (OnnxTensor a = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
        OnnxTensor m = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
        OnnxTensor t = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape);
        OrtSession.Result r =
            session.run(Map.of("input_ids", a, "attention_mask", m, "token_type_ids", t))) {
      float[][][] hidden = (float[][][]) r.get(0).getValue();
      List<float[]> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        float[] v = new float[hidden[i][0].length];
        int count = 0;
        for (int j = 0; j < width; j++) {
          if (mask[i * width + j] == 1) {
            count++;
            float[] h = hidden[i][j];
            for (int k = 0; k < v.length; k++) {
              v[k] += h[k];
            }
          }
        }
        for (int k = 0; k < v.length; k++) {
          v[k] /= count;
        }
        out.add(Vectors.normalize(v));
      }
      return out;
    } catch (OrtException e) {
      throw new IllegalStateException("MiniLM inference failed: " + e.getMessage(), e);
    }
  }
}
