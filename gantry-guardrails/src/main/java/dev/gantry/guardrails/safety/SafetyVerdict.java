package dev.gantry.guardrails.safety;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The safety classifier's scores for one text: per category a probability-like score in {@code
 * 0..1} where 0.5 is the operating point chosen on held-back data.
 *
 * @param scores every category's score
 * @param lexicalOnly true when no embedding was used (the fast head, for stream windows)
 */
public record SafetyVerdict(Map<SafetyCategory, Double> scores, boolean lexicalOnly) {
  public SafetyVerdict {
    EnumMap<SafetyCategory, Double> copy = new EnumMap<>(SafetyCategory.class);
    copy.putAll(scores);
    scores = Collections.unmodifiableMap(copy);
  }

  /** The highest category score. */
  public double maxScore() {
    double max = 0;
    for (double s : scores.values()) {
      max = Math.max(max, s);
    }
    return max;
  }

  /** The category with the highest score. */
  public SafetyCategory top() {
    SafetyCategory best = SafetyCategory.HATE;
    for (Map.Entry<SafetyCategory, Double> e : scores.entrySet()) {
      if (e.getValue() > scores.get(best)) {
        best = e.getKey();
      }
    }
    return best;
  }

  public double score(SafetyCategory c) {
    return scores.getOrDefault(c, 0.0);
  }
}
