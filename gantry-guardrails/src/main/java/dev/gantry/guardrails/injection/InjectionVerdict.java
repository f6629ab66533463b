package dev.gantry.guardrails.injection;

import java.util.List;
import java.util.Objects;

/**
 * What the injection detector decided about one text.
 *
 * @param flagged true when the text should be treated as a prompt injection or jailbreak
 * @param score how confident the detector is that it is one, in [0, 1]; 1 when a heuristic rule
 *     matched, the classifier's calibrated probability otherwise (flagged exactly when it is at
 *     least 0.5), and 0 when the heuristics-only detector found nothing
 * @param layer the layer whose result decided
 * @param matchedRules names of the heuristic rules that matched, in rule order (empty when the
 *     classifier decided)
 * @param decodedPayload text the detector decoded from base64, hex, percent-encoding or rot13 and
 *     checked again (the one that was flagged if any, else the first), or null if none was found
 * @param evidence when the classifier flagged a text because of one line or sentence in it (an
 *     instruction hidden in a document), that line or sentence; otherwise null
 */
public record InjectionVerdict(
    boolean flagged,
    double score,
    Layer layer,
    List<String> matchedRules,
    String decodedPayload,
    String evidence) {

  /** The two layers of the detector. */
  public enum Layer {
    /** Normalisation, payload decoding and named pattern rules. */
    HEURISTIC,
    /** The trained classifier over sentence embeddings and text features. */
    CLASSIFIER
  }

  public InjectionVerdict {
    Objects.requireNonNull(layer, "layer");
    matchedRules = List.copyOf(matchedRules);
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("score must be in [0, 1], was " + score);
    }
  }
}
