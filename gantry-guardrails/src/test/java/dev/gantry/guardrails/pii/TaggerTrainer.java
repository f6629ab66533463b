package dev.gantry.guardrails.pii;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains the name and place tagger: an averaged structured perceptron (Collins 2002) over {@link
 * TokenFeatures}, with Viterbi decoding under the BIO constraints, visiting the training texts in
 * an order shuffled by a seeded {@link Random} each epoch. Deterministic: the same texts and
 * options give a byte-identical model file.
 *
 * <p>Run {@link #main} to rebuild the shipped model from the training + development split.
 */
final class TaggerTrainer {
  static final String[] LABELS = {
    "O",
    "B-PERSON",
    "I-PERSON",
    "B-LOCATION",
    "I-LOCATION",
    "B-ADDRESS",
    "I-ADDRESS",
    "B-ORGANIZATION",
    "I-ORGANIZATION"
  };

  /** How the shipped model is trained. */
  static final int EPOCHS = 8;

  static final long SHUFFLE_SEED = 20240611L;

  private TaggerTrainer() {}

  /** The trained weights, ready to write or to wrap in a {@link SequenceModel}. */
  record Trained(String description, float[] transitions, long[] keys, float[] rows) {
    SequenceModel model() {
      return new SequenceModel(description, LABELS, transitions, keys, rows);
    }

    byte[] bytes() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      write(out);
      return out.toByteArray();
    }

    void write(OutputStream out) {
      try {
        SequenceModel.write(out, description, LABELS, transitions, keys, rows);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The model as written and read back (16-bit weights), as the detector will use it. */
    SequenceModel quantised() {
      try {
        return SequenceModel.read(new java.io.ByteArrayInputStream(bytes()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Gold BIO label index per token: a token takes the label of the span it starts in. */
  static int[] goldLabels(List<Token> tokens, List<PiiSamples.Gold> spans) {
    int[] labels = new int[tokens.size()];
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      for (PiiSamples.Gold g : spans) {
        String type = taggedType(g.type());
        if (type == null || t.start() < g.start() || t.start() >= g.end()) {
          continue;
        }
        boolean begins = i == 0 || tokens.get(i - 1).start() < g.start();
        labels[i] = index((begins ? "B-" : "I-") + type);
        break;
      }
    }
    return labels;
  }

  /** The dataset types the tagger learns; everything else is O. */
  static String taggedType(String datasetType) {
    switch (datasetType) {
      case "PERSON":
      case "LOCATION":
      case "ADDRESS":
      case "ORGANIZATION":
        return datasetType;
      default:
        return null;
    }
  }

  private static int index(String label) {
    for (int i = 0; i < LABELS.length; i++) {
      if (LABELS[i].equals(label)) {
        return i;
      }
    }
    throw new IllegalArgumentException(label);
  }

  static Trained train(List<PiiSamples.Sample> samples, Gazetteer gazetteer, int epochs) {
    int l = LABELS.length;
    Map<Long, Integer> ids = new HashMap<>();
    List<long[]> keyOrder = new ArrayList<>();
    List<int[][]> features = new ArrayList<>();
    List<int[]> gold = new ArrayList<>();
    long[] buffer = new long[TokenFeatures.MAX];
    for (PiiSamples.Sample sample : samples) {
      List<Token> tokens = Tokenizer.tokenize(sample.text());
      if (tokens.isEmpty()) {
        continue;
      }
      TokenFeatures.Sentence sentence = TokenFeatures.Sentence.of(tokens, gazetteer);
      int[][] perToken = new int[tokens.size()][];
      for (int i = 0; i < tokens.size(); i++) {
        int count = TokenFeatures.extract(sentence, i, buffer);
        int[] fs = new int[count];
        for (int k = 0; k < count; k++) {
          long key = buffer[k];
          Integer id = ids.get(key);
          if (id == null) {
            id = ids.size();
            ids.put(key, id);
            keyOrder.add(new long[] {key});
          }
          fs[k] = id;
        }
        perToken[i] = fs;
      }
      features.add(perToken);
      gold.add(goldLabels(tokens, sample.spans()));
    }
    int numFeatures = ids.size();
    double[] w = new double[numFeatures * l];
    double[] acc = new double[numFeatures * l];
    float[] trans = new float[(l + 1) * l];
    double[] transAcc = new double[(l + 1) * l];
    boolean[] allowed = SequenceModel.allowedTransitions(LABELS);
    int[] order = new int[features.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Random random = new Random(SHUFFLE_SEED);
    long step = 1;
    for (int epoch = 0; epoch < epochs; epoch++) {
      for (int i = order.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      for (int s : order) {
        int[][] fs = features.get(s);
        int[] y = gold.get(s);
        int n = fs.length;
        float[] emission = new float[n * l];
        for (int i = 0; i < n; i++) {
          for (int f : fs[i]) {
            for (int c = 0; c < l; c++) {
              emission[i * l + c] += (float) w[f * l + c];
            }
          }
        }
        int[] pred = SequenceModel.viterbi(emission, n, l, trans, allowed);
        for (int i = 0; i < n; i++) {
          int prevGold = i == 0 ? l : y[i - 1];
          int prevPred = i == 0 ? l : pred[i - 1];
          if (pred[i] != y[i]) {
            for (int f : fs[i]) {
              w[f * l + y[i]] += 1;
              acc[f * l + y[i]] += step;
              w[f * l + pred[i]] -= 1;
              acc[f * l + pred[i]] -= step;
            }
          }
          if (pred[i] != y[i] || prevGold != prevPred) {
            trans[prevGold * l + y[i]] += 1;
            transAcc[prevGold * l + y[i]] += step;
            trans[prevPred * l + pred[i]] -= 1;
            transAcc[prevPred * l + pred[i]] -= step;
          }
        }
        step++;
      }
    }
    float[] rows = new float[numFeatures * l];
    for (int k = 0; k < rows.length; k++) {
      rows[k] = (float) (w[k] - acc[k] / step);
    }
    float[] transitions = new float[trans.length];
    for (int k = 0; k < trans.length; k++) {
      transitions[k] = (float) (trans[k] - transAcc[k] / step);
    }
    long[] keys = new long[numFeatures];
    for (int f = 0; f < numFeatures; f++) {
      keys[f] = keyOrder.get(f)[0];
    }
    String description =
        "averaged structured perceptron, "
            + epochs
            + " epochs, shuffle seed "
            + SHUFFLE_SEED
            + ", "
            + features.size()
            + " texts, "
            + numFeatures
            + " features";
    return new Trained(description, transitions, keys, rows);
  }

  /**
   * The shipped model: trained on the training and development parts of the PII split plus the
   * training prose ({@link ProseSamples#train()}, texts without PII).
   */
  static Trained shipped() {
    List<PiiSamples.Sample> texts = new ArrayList<>(PiiSamples.where(s -> !s.isTest()));
    texts.addAll(ProseSamples.train());
    return train(texts, Gazetteer.standard(), EPOCHS);
  }

  /** Writes the shipped model to {@code args[0]} (the tagger.bin resource). */
  public static void main(String[] args) throws IOException {
    Trained trained = shipped();
    Files.write(Path.of(args[0]), trained.bytes());
    System.out.println(trained.description() + " -> " + args[0]);
  }
}
