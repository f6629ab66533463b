package dev.gantry.eval.baseline;

import java.util.List;
import java.util.Objects;

/**
 * A run compared with its baseline.
 *
 * @param source the baseline file
 * @param paired how many case ids both runs have
 * @param newlyFailing ids that passed in the baseline and fail now
 * @param newlyPassing ids that failed in the baseline and pass now
 * @param added ids only in the current run
 * @param removed ids only in the baseline
 */
public record BaselineComparison(
    String source,
    int paired,
    List<MetricComparison> metrics,
    List<String> newlyFailing,
    List<String> newlyPassing,
    List<String> added,
    List<String> removed,
    long seed,
    int resamples) {
  public BaselineComparison {
    Objects.requireNonNull(source, "source");
    metrics = List.copyOf(metrics);
    newlyFailing = List.copyOf(newlyFailing);
    newlyPassing = List.copyOf(newlyPassing);
    added = List.copyOf(added);
    removed = List.copyOf(removed);
  }

  /** Whether a gated metric regressed significantly. */
  public boolean regressed() {
    for (MetricComparison m : metrics) {
      if (m.gated() && m.significantRegression()) {
        return true;
      }
    }
    return false;
  }
}
