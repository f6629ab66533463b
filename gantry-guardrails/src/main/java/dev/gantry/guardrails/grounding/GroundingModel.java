package dev.gantry.guardrails.grounding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import dev.gantry.ml.classify.LogisticModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * The logistic model that turns a claim's {@link ClaimFeatures} into a risk, and the risk at or
 * above which a claim counts as not grounded. The bundled one is fitted by {@code
 * GroundingTrainingTest} on the demo question set (see the module README). Immutable and
 * thread-safe.
 *
 * @param threshold risk in {@code 0..1} at or above which a claim is unsupported
 */
public record GroundingModel(LogisticModel model, double threshold) {
  /** The features, in vector order. */
  public static final List<String> FEATURES =
      List.of(
          "novel",
          "novel_names",
          "novel_numbers",
          "uncovered",
          "uncovered_in_one_sentence",
          "unanchored",
          "similarity",
          "verbatim",
          "misplaced",
          "conflict",
          "says_something_new",
          "answer_uncovered_in_one_sentence",
          "other_entity_fits_better");

  private static final String RESOURCE = "/dev/gantry/guardrails/grounding/weights.json";

  public GroundingModel {
    Objects.requireNonNull(model, "model");
    if (model.dimensions() != FEATURES.size()) {
      throw new IllegalArgumentException(
          "the grounding model needs " + FEATURES.size() + " features, got " + model.dimensions());
    }
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold " + threshold + " is outside (0, 1)");
    }
  }

  /** The bundled model. */
  public static GroundingModel defaults() {
    try (InputStream in = GroundingModel.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the grounding weights are missing from the classpath");
      }
      return fromJson(Json.MAPPER.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the grounding weights", e);
    }
  }

  double risk(ClaimFeatures f) {
    return risk(f.vector(), !f.comparison().isEmpty());
  }

  /**
   * The model's risk for a feature vector; a claim whose comparison the sources' dates or numbers
   * contradict ({@link Reasoning#comparison}) is at least at the threshold, whatever its words.
   */
  double risk(double[] vector, boolean contradictedComparison) {
    double p = model.probability(vector);
    return contradictedComparison ? Math.max(p, threshold) : p;
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.putPOJO("features", FEATURES);
    o.put("threshold", threshold);
    o.set("model", model.toJson());
    return o;
  }

  public static GroundingModel fromJson(JsonNode node) {
    return new GroundingModel(
        LogisticModel.fromJson(node.path("model")), node.path("threshold").asDouble());
  }
}
