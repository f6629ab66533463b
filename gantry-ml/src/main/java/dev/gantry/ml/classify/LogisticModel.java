package dev.gantry.ml.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * A trained binary logistic-regression model: each feature is standardised ({@code (x - mean) /
 * scale}), weighted and summed with a bias, and the logistic function turns that logit into the
 * probability of the positive class. Immutable, shared and thread-safe; scoring one vector costs
 * one pass over its features and allocates nothing.
 */
public final class LogisticModel {
  /** Value of the {@code "type"} field in the JSON form, checked when reading. */
  static final String TYPE = "logistic-regression";

  private final double[] mean;
  private final double[] scale;
  private final double[] weights;
  private final double bias;

  /**
   * @param mean per-feature value subtracted before weighting
   * @param scale per-feature divisor applied after subtracting the mean; every value finite and
   *     greater than 0
   * @param weights per-feature weight of the standardised value
   * @param bias added to the weighted sum
   */
  public LogisticModel(double[] mean, double[] scale, double[] weights, double bias) {
    if (mean.length != scale.length || mean.length != weights.length) {
      throw new IllegalArgumentException(
          "mean, scale and weights differ in length: "
              + mean.length
              + ", "
              + scale.length
              + ", "
              + weights.length);
    }
    for (int i = 0; i < scale.length; i++) {
      if (!(scale[i] > 0) || Double.isInfinite(scale[i])) {
        throw new IllegalArgumentException(
            "scale[" + i + "] must be finite and > 0, was " + scale[i]);
      }
      if (!Double.isFinite(mean[i]) || !Double.isFinite(weights[i])) {
        throw new IllegalArgumentException("mean[" + i + "] and weights[" + i + "] must be finite");
      }
    }
    if (!Double.isFinite(bias)) {
      throw new IllegalArgumentException("bias must be finite, was " + bias);
    }
    this.mean = mean.clone();
    this.scale = scale.clone();
    this.weights = weights.clone();
    this.bias = bias;
  }

  /** Number of features every scored vector must have. */
  public int dimensions() {
    return weights.length;
  }

  /** The log-odds of the positive class for {@code features}. */
  public double logit(double[] features) {
    if (features.length != weights.length) {
      throw new IllegalArgumentException(
          "expected " + weights.length + " features, got " + features.length);
    }
    double z = bias;
    for (int i = 0; i < features.length; i++) {
      z += weights[i] * ((features[i] - mean[i]) / scale[i]);
    }
    return z;
  }

  /** The probability of the positive class for {@code features}, in [0, 1]. */
  public double probability(double[] features) {
    return sigmoid(logit(features));
  }

  /** The weight of each standardised feature (a copy); larger magnitude, more influence. */
  public double[] weights() {
    return weights.clone();
  }

  public double bias() {
    return bias;
  }

  /**
   * An equivalent model for storage: the standardisation is folded into the weights (mean 0, scale
   * 1) and every parameter is rounded to {@code significantDigits} significant decimal digits, so
   * that its JSON form is about a third as long. Logits change by roughly {@code
   * 10^-significantDigits} relative; choose thresholds on the compacted model.
   *
   * @param significantDigits from 1 to 17
   */
  public LogisticModel compact(int significantDigits) {
    if (significantDigits < 1 || significantDigits > 17) {
      throw new IllegalArgumentException(
          "significantDigits must be in [1, 17], was " + significantDigits);
    }
    MathContext mc = new MathContext(significantDigits, RoundingMode.HALF_EVEN);
    double[] w = new double[weights.length];
    double b = bias;
    for (int i = 0; i < w.length; i++) {
      w[i] = weights[i] / scale[i];
      b -= w[i] * mean[i];
    }
    for (int i = 0; i < w.length; i++) {
      w[i] = round(w[i], mc);
    }
    double[] zeros = new double[w.length];
    double[] ones = new double[w.length];
    Arrays.fill(ones, 1);
    return new LogisticModel(zeros, ones, w, round(b, mc));
  }

  private static double round(double v, MathContext mc) {
    return v == 0 ? 0 : new BigDecimal(v).round(mc).doubleValue();
  }

  private boolean identityStandardisation() {
    for (int i = 0; i < mean.length; i++) {
      if (mean[i] != 0 || scale[i] != 1) {
        return false;
      }
    }
    return true;
  }

  static double sigmoid(double z) {
    if (z >= 0) {
      return 1 / (1 + StrictMath.exp(-z));
    }
    double e = StrictMath.exp(z);
    return e / (1 + e);
  }

  /**
   * The model as a JSON object {@code {"type", "dimensions", "bias", "mean", "scale", "weights"}};
   * {@code mean} and {@code scale} are left out when they are all 0 and all 1 (see {@link
   * #compact}). Numbers are written in a decimal form that reads back to the same double, so the
   * same model always serialises to the same text and reads back to an equal model.
   */
  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("type", TYPE);
    node.put("dimensions", weights.length);
    node.put("bias", bias);
    if (!identityStandardisation()) {
      node.set("mean", array(mean));
      node.set("scale", array(scale));
    }
    node.set("weights", array(weights));
    return node;
  }

  private static ArrayNode array(double[] values) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode(values.length);
    for (double v : values) {
      a.add(v);
    }
    return a;
  }

  /**
   * Reads the form written by {@link #toJson()}.
   *
   * @throws IllegalArgumentException naming the field that is missing or wrong
   */
  public static LogisticModel fromJson(JsonNode node) {
    if (node == null || !TYPE.equals(node.path("type").asText())) {
      throw new IllegalArgumentException("not a " + TYPE + " model: type is missing or different");
    }
    int dimensions = node.path("dimensions").asInt(-1);
    double[] weights = doubles(node, "weights", dimensions);
    double[] mean = new double[dimensions];
    double[] scale = new double[dimensions];
    Arrays.fill(scale, 1);
    if (node.has("mean") || node.has("scale")) {
      mean = doubles(node, "mean", dimensions);
      scale = doubles(node, "scale", dimensions);
    }
    JsonNode bias = node.get("bias");
    if (bias == null || !bias.isNumber()) {
      throw new IllegalArgumentException("model field 'bias' must be a number");
    }
    return new LogisticModel(mean, scale, weights, bias.doubleValue());
  }

  private static double[] doubles(JsonNode node, String field, int dimensions) {
    JsonNode a = node.get(field);
    if (a == null || !a.isArray() || a.size() != dimensions) {
      throw new IllegalArgumentException(
          "model field '" + field + "' must be an array of " + dimensions + " numbers");
    }
    double[] out = new double[dimensions];
    for (int i = 0; i < dimensions; i++) {
      if (!a.get(i).isNumber()) {
        throw new IllegalArgumentException(
            "model field '" + field + "[" + i + "]' is not a number");
      }
      out[i] = a.get(i).doubleValue();
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogisticModel m
        && bias == m.bias
        && Arrays.equals(mean, m.mean)
        && Arrays.equals(scale, m.scale)
        && Arrays.equals(weights, m.weights);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(weights) + Double.hashCode(bias);
  }

  @Override
  public String toString() {
    return "LogisticModel[" + weights.length + " features]";
  }
}
