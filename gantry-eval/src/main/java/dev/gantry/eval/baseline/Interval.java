package dev.gantry.eval.baseline;

/**
 * A point estimate with a confidence interval, {@code low <= high}.
 *
 * @param estimate the statistic on the observed data
 */
public record Interval(double estimate, double low, double high) {
  public Interval {
    if (!(low <= high)) {
      throw new IllegalArgumentException("low must be <= high, got " + low + " > " + high);
    }
  }

  /** Whether the whole interval is below zero. */
  public boolean entirelyBelowZero() {
    return high < 0;
  }

  /** Whether the whole interval is above zero. */
  public boolean entirelyAboveZero() {
    return low > 0;
  }
}
