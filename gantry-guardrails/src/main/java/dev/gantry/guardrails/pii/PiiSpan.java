package dev.gantry.guardrails.pii;

import java.util.Objects;

/**
 * One finding: {@code text.substring(start, end)} is data of {@code type}. Offsets are UTF-16
 * indexes into the scanned text ({@link String} positions); {@code score} is the detector's
 * confidence in [0, 1].
 */
public record PiiSpan(int start, int end, PiiType type, double score) {
  public PiiSpan {
    Objects.requireNonNull(type, "type");
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException(
          "span must satisfy 0 <= start < end, was " + start + ".." + end);
    }
    if (score < 0 || score > 1) {
      throw new IllegalArgumentException("score must be in [0, 1], was " + score);
    }
  }

  boolean overlaps(PiiSpan other) {
    return start < other.end && other.start < end;
  }
}
