package dev.gantry.guardrails.pii;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A linear-chain tagger (structured perceptron): each token gets the BIO label that maximises the
 * sum of its feature weights plus a label-transition weight, found exactly by Viterbi decoding.
 * Label {@code I-X} may only follow {@code B-X} or {@code I-X}. Weights are keyed by the 64-bit
 * feature hashes of {@link TokenFeatures} in an open-addressing table.
 *
 * <p>Immutable and thread-safe. The model file is gzip-compressed: a header, the label names, the
 * transition weights and one row of per-label weights per feature hash.
 */
final class SequenceModel {
  private static final int MAGIC = 0x47504949; // "GPII"
  private static final int VERSION = 1;

  private final String description;
  private final String[] labels;
  private final int numLabels;

  /** (numLabels + 1) x numLabels; row numLabels holds the start-of-sentence weights. */
  private final float[] transitions;

  private final long[] keys;
  private final float[] weights;
  private final int mask;

  /** allowed[prev * L + cur], prev == L for the sentence start. */
  private final boolean[] allowed;

  SequenceModel(
      String description, String[] labels, float[] transitions, long[] featureKeys, float[] rows) {
    this.description = description;
    this.labels = labels.clone();
    this.numLabels = labels.length;
    if (transitions.length != (numLabels + 1) * numLabels) {
      throw new IllegalArgumentException("transition table has the wrong size");
    }
    if (rows.length != featureKeys.length * numLabels) {
      throw new IllegalArgumentException("weight rows do not match the feature count");
    }
    this.transitions = transitions.clone();
    int capacity = Integer.highestOneBit(Math.max(4, featureKeys.length * 2 - 1)) << 1;
    this.keys = new long[capacity];
    this.weights = new float[capacity * numLabels];
    this.mask = capacity - 1;
    for (int f = 0; f < featureKeys.length; f++) {
      long key = featureKeys[f];
      if (key == 0) {
        throw new IllegalArgumentException("feature hash 0 is reserved");
      }
      int slot = slot(key);
      if (keys[slot] == key) {
        throw new IllegalArgumentException("duplicate feature hash " + key);
      }
      keys[slot] = key;
      System.arraycopy(rows, f * numLabels, weights, slot * numLabels, numLabels);
    }
    this.allowed = allowedTransitions(labels);
  }

  /** Transition constraints of the BIO scheme. */
  static boolean[] allowedTransitions(String[] labels) {
    int l = labels.length;
    boolean[] allowed = new boolean[(l + 1) * l];
    for (int prev = 0; prev <= l; prev++) {
      for (int cur = 0; cur < l; cur++) {
        String c = labels[cur];
        boolean ok = true;
        if (c.startsWith("I-")) {
          ok =
              prev < l
                  && labels[prev].length() > 2
                  && labels[prev].substring(2).equals(c.substring(2));
        }
        allowed[prev * l + cur] = ok;
      }
    }
    return allowed;
  }

  private int slot(long key) {
    int h = (int) (key ^ (key >>> 32)) * 0x9E3779B9;
    int slot = h & mask;
    while (keys[slot] != 0 && keys[slot] != key) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  String description() {
    return description;
  }

  List<String> labels() {
    return List.of(labels);
  }

  /** The best label index for each token of {@code sentence}. */
  int[] decode(TokenFeatures.Sentence sentence) {
    int n = sentence.size();
    int l = numLabels;
    float[] emission = new float[n * l];
    long[] feats = new long[TokenFeatures.MAX];
    for (int i = 0; i < n; i++) {
      int count = TokenFeatures.extract(sentence, i, feats);
      for (int k = 0; k < count; k++) {
        long key = feats[k];
        int slot = slot(key);
        if (keys[slot] != 0) {
          int base = slot * l;
          for (int y = 0; y < l; y++) {
            emission[i * l + y] += weights[base + y];
          }
        }
      }
    }
    return viterbi(emission, n, l, transitions, allowed);
  }

  /** Exact best path through {@code emission} (n x l) under {@code transitions}. */
  static int[] viterbi(float[] emission, int n, int l, float[] transitions, boolean[] allowed) {
    int[] path = new int[n];
    if (n == 0) {
      return path;
    }
    float[] score = new float[n * l];
    int[] back = new int[n * l];
    for (int y = 0; y < l; y++) {
      score[y] =
          allowed[l * l + y] ? emission[y] + transitions[l * l + y] : Float.NEGATIVE_INFINITY;
    }
    for (int i = 1; i < n; i++) {
      for (int y = 0; y < l; y++) {
        float best = Float.NEGATIVE_INFINITY;
        int arg = 0;
        for (int p = 0; p < l; p++) {
          if (!allowed[p * l + y]) {
            continue;
          }
          float s = score[(i - 1) * l + p] + transitions[p * l + y];
          if (s > best) {
            best = s;
            arg = p;
          }
        }
        score[i * l + y] = best + emission[i * l + y];
        back[i * l + y] = arg;
      }
    }
    int best = 0;
    for (int y = 1; y < l; y++) {
      if (score[(n - 1) * l + y] > score[(n - 1) * l + best]) {
        best = y;
      }
    }
    for (int i = n - 1; i >= 0; i--) {
      path[i] = best;
      best = back[i * l + best];
    }
    return path;
  }

  /** Reads a model written by {@link #write}. */
  static SequenceModel read(InputStream raw) throws IOException {
    DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16));
    if (in.readInt() != MAGIC || in.readInt() != VERSION) {
      throw new IOException("not a Gantry PII tagger model (version " + VERSION + ")");
    }
    String description = in.readUTF();
    String[] labels = new String[in.readInt()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = in.readUTF();
    }
    int l = labels.length;
    float[] transitions = new float[(l + 1) * l];
    for (int i = 0; i < transitions.length; i++) {
      transitions[i] = in.readFloat();
    }
    float scale = in.readFloat();
    int count = in.readInt();
    long[] keys = new long[count];
    float[] rows = new float[count * l];
    long key = 0;
    for (int f = 0; f < count; f++) {
      key += in.readLong();
      keys[f] = key;
      int nonZero = in.readUnsignedByte();
      for (int k = 0; k < nonZero; k++) {
        int y = in.readUnsignedByte();
        rows[f * l + y] = in.readShort() * scale;
      }
    }
    return new SequenceModel(description, labels, transitions, keys, rows);
  }

  /**
   * Writes a model; weights are quantised to 16 bits (steps of {@code max|w| / 32767}), features
   * sorted by hash and delta-encoded so the file is reproducible byte for byte.
   */
  static void write(
      OutputStream raw,
      String description,
      String[] labels,
      float[] transitions,
      long[] featureKeys,
      float[] rows)
      throws IOException {
    int l = labels.length;
    Integer[] order = new Integer[featureKeys.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compareUnsigned(featureKeys[a], featureKeys[b]));
    float max = 0;
    for (float w : rows) {
      max = Math.max(max, Math.abs(w));
    }
    float scale = max == 0 ? 1 : max / Short.MAX_VALUE;
    GZIPOutputStream gz = new GZIPOutputStream(raw, 1 << 16);
    DataOutputStream out = new DataOutputStream(gz);
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.writeUTF(description);
    out.writeInt(l);
    for (String label : labels) {
      out.writeUTF(label);
    }
    for (float t : transitions) {
      out.writeFloat(t);
    }
    out.writeFloat(scale);
    int kept = 0;
    for (Integer f : order) {
      if (nonZero(rows, f, l, scale) > 0) {
        kept++;
      }
    }
    out.writeInt(kept);
    long previous = 0;
    for (Integer f : order) {
      int nonZero = nonZero(rows, f, l, scale);
      if (nonZero == 0) {
        continue;
      }
      out.writeLong(featureKeys[f] - previous);
      previous = featureKeys[f];
      out.writeByte(nonZero);
      for (int y = 0; y < l; y++) {
        int q = Math.round(rows[f * l + y] / scale);
        if (q != 0) {
          out.writeByte(y);
          out.writeShort(q);
        }
      }
    }
    out.flush();
    gz.finish();
  }

  private static int nonZero(float[] rows, int f, int l, float scale) {
    int count = 0;
    for (int y = 0; y < l; y++) {
      if (Math.round(rows[f * l + y] / scale) != 0) {
        count++;
      }
    }
    return count;
  }

  static SequenceModel load(String resource) {
    try (InputStream in = SequenceModel.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
