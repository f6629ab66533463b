package dev.gantry.guardrails.safety;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.ml.classify.LogisticModel;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The trained part of the safety classifier: per category, a <b>full</b> head over the sentence
 * embedding and the lexical features, and a <b>lexical</b> head over the lexical features alone
 * (microseconds, for stream windows where no embedding is at hand). Each head's logit is shifted by
 * the threshold chosen on held-back data, so that a score of 0.5 is that operating point.
 * Immutable, shared and thread-safe.
 */
final class SafetyModel {
  /** Value of the {@code "format"} field of a weights file. */
  static final String FORMAT = "gantry-safety-classifier/1";

  /** One category's two heads and their thresholds (in log-odds). */
  record Head(
      LogisticModel full, LogisticModel lexical, double fullThreshold, double lexicalThreshold) {
    Head {
      Objects.requireNonNull(full, "full");
      Objects.requireNonNull(lexical, "lexical");
      if (!Double.isFinite(fullThreshold) || !Double.isFinite(lexicalThreshold)) {
        throw new IllegalArgumentException("thresholds must be finite");
      }
      if (lexical.dimensions() != SafetyFeatures.LEXICAL_DIMENSIONS) {
        throw new IllegalArgumentException(
            "lexical head has "
                + lexical.dimensions()
                + " features, this version computes "
                + SafetyFeatures.LEXICAL_DIMENSIONS);
      }
    }

    ObjectNode toJson() {
      ObjectNode n = JsonNodeFactory.instance.objectNode();
      n.put("fullThreshold", fullThreshold);
      n.put("lexicalThreshold", lexicalThreshold);
      n.set("full", full.toJson());
      n.set("lexical", lexical.toJson());
      return n;
    }
  }

  final Map<SafetyCategory, Head> heads;

  SafetyModel(Map<SafetyCategory, Head> heads) {
    EnumMap<SafetyCategory, Head> h = new EnumMap<>(SafetyCategory.class);
    h.putAll(heads);
    for (SafetyCategory c : SafetyCategory.values()) {
      if (!h.containsKey(c)) {
        throw new IllegalArgumentException("no head for category " + c.configName());
      }
    }
    int d = h.get(SafetyCategory.HATE).full().dimensions();
    for (Head head : h.values()) {
      if (head.full().dimensions() != d) {
        throw new IllegalArgumentException("full heads differ in their number of features");
      }
    }
    this.heads = java.util.Collections.unmodifiableMap(h);
  }

  /** Embedding dimensions the full heads expect. */
  int embeddingDimensions() {
    return heads.get(SafetyCategory.HATE).full().dimensions() - SafetyFeatures.LEXICAL_DIMENSIONS;
  }

  ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("format", FORMAT);
    node.put("buckets", SafetyFeatures.BUCKETS);
    ObjectNode hs = node.putObject("heads");
    heads.forEach((c, h) -> hs.set(c.configName(), h.toJson()));
    return node;
  }

  static SafetyModel fromJson(JsonNode node) {
    if (!FORMAT.equals(node.path("format").asText())) {
      throw new IllegalArgumentException(
          "not a safety classifier weights file: format must be " + FORMAT);
    }
    if (node.path("buckets").asInt() != SafetyFeatures.BUCKETS) {
      throw new IllegalArgumentException(
          "weights use "
              + node.path("buckets").asInt()
              + " hash buckets, this version computes "
              + SafetyFeatures.BUCKETS);
    }
    Map<SafetyCategory, Head> heads = new EnumMap<>(SafetyCategory.class);
    for (SafetyCategory c : SafetyCategory.values()) {
      JsonNode h = node.path("heads").get(c.configName());
      if (h == null) {
        throw new IllegalArgumentException("weights have no head for " + c.configName());
      }
      heads.put(
          c,
          new Head(
              LogisticModel.fromJson(h.get("full")),
              LogisticModel.fromJson(h.get("lexical")),
              h.path("fullThreshold").asDouble(Double.NaN),
              h.path("lexicalThreshold").asDouble(Double.NaN)));
    }
    return new SafetyModel(heads);
  }
}
