package dev.gantry.sim;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Deterministic pseudo-random unit vectors: the same text and dimension always give the same
 * vector, in every run, independent of the scenario seed. Stateless.
 */
final class Embeddings {
  private Embeddings() {}

  static float[] vector(String text, int dimensions) {
    SplittableRandom random = new SplittableRandom(fnv1a(text));
    double[] raw = new double[dimensions];
    double norm = 0;
    for (int i = 0; i < dimensions; i++) {
      raw[i] = random.nextGaussian();
      norm += raw[i] * raw[i];
    }
    norm = Math.sqrt(norm);
    float[] out = new float[dimensions];
    for (int i = 0; i < dimensions; i++) {
      out[i] = (float) (raw[i] / norm);
    }
    return out;
  }

  /** 64-bit FNV-1a of the UTF-8 bytes. */
  static long fnv1a(String text) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }
}
