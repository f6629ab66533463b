package dev.gantry.gateway.metrics;

/**
 * Counts of durations in log-spaced buckets (each 30% wider than the one before, from 0.1 ms to
 * about three minutes), mergeable and small (56 counters), for the dashboard's and the alerts'
 * percentiles; a percentile is exact to within one bucket (±15%). Not thread-safe.
 */
final class LatencyHistogram {
  static final int SIZE = 56;
  private static final double FIRST_MS = 0.1;
  private static final double GROWTH = 1.3;
  private static final double LOG_GROWTH = Math.log(GROWTH);

  final long[] counts = new long[SIZE];
  long total;

  static int index(double millis) {
    if (millis <= FIRST_MS) {
      return 0;
    }
    int i = 1 + (int) (Math.log(millis / FIRST_MS) / LOG_GROWTH);
    return Math.min(SIZE - 1, i);
  }

  /** Upper edge of bucket {@code i}, in milliseconds. */
  static double upperMillis(int i) {
    return FIRST_MS * Math.pow(GROWTH, i);
  }

  void record(double millis) {
    counts[index(millis)]++;
    total++;
  }

  void add(LatencyHistogram other) {
    for (int i = 0; i < SIZE; i++) {
      counts[i] += other.counts[i];
    }
    total += other.total;
  }

  /** The {@code q}-quantile (0..1) in milliseconds (a bucket's geometric middle), NaN if empty. */
  double quantileMillis(double q) {
    if (total == 0) {
      return Double.NaN;
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i < SIZE; i++) {
      seen += counts[i];
      if (seen >= Math.max(1, rank)) {
        return i == 0 ? FIRST_MS : Math.sqrt(upperMillis(i - 1) * upperMillis(i));
      }
    }
    return upperMillis(SIZE - 1);
  }

  /** Durations counted no longer than {@code millis} (whole buckets only). */
  long atMost(double millis) {
    long n = 0;
    for (int i = 0; i < SIZE && upperMillis(i) <= millis * 1.0000001; i++) {
      n += counts[i];
    }
    return n;
  }
}
