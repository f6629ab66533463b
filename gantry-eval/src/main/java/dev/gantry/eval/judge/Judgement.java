package dev.gantry.eval.judge;

import java.util.Objects;

/**
 * A judge's grade.
 *
 * @param score the score on the judge's scale, e.g. 4 on 1..5
 * @param normalized the score mapped to [0, 1]: {@code (score - min) / (max - min)}
 * @param reason the judge's stated reason (may be empty)
 * @param cached whether it came from the on-disk cache
 */
public record Judgement(double score, double normalized, String reason, boolean cached) {
  public Judgement {
    Objects.requireNonNull(reason, "reason");
    if (!(normalized >= 0 && normalized <= 1)) {
      throw new IllegalArgumentException("normalized must be in [0, 1], got " + normalized);
    }
  }
}
