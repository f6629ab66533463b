package dev.gantry.sim;

import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A distribution of delays in milliseconds. Samples are never negative. Immutable and thread-safe;
 * the randomness comes from the generator passed to {@link #sampleMs}.
 */
sealed interface Delay permits Delay.Fixed, Delay.Uniform, Delay.Normal, Delay.LogNormal {

  Delay ZERO = new Fixed(0);

  /** One delay in milliseconds, drawn with {@code random}. */
  long sampleMs(RandomGenerator random);

  /** True when every sample is 0, so callers can skip timers altogether. */
  default boolean isZero() {
    return this instanceof Fixed f && f.ms() == 0;
  }

  /** Always {@code ms}. */
  record Fixed(long ms) implements Delay {
    public Fixed {
      if (ms < 0) {
        throw new IllegalArgumentException("ms must be >= 0, was " + ms);
      }
    }

    @Override
    public long sampleMs(RandomGenerator random) {
      return ms;
    }
  }

  /** Uniform in {@code [minMs, maxMs]}. */
  record Uniform(long minMs, long maxMs) implements Delay {
    public Uniform {
      if (minMs < 0 || maxMs < minMs) {
        throw new IllegalArgumentException(
            "need 0 <= min_ms <= max_ms, got " + minMs + " and " + maxMs);
      }
    }

    @Override
    public long sampleMs(RandomGenerator random) {
      return minMs == maxMs ? minMs : random.nextLong(minMs, maxMs + 1);
    }
  }

  /** Normal with the given mean and standard deviation, clamped at 0. */
  record Normal(double meanMs, double stddevMs) implements Delay {
    @Override
    public long sampleMs(RandomGenerator random) {
      return Math.max(0, Math.round(random.nextGaussian(meanMs, stddevMs)));
    }
  }

  /** Log-normal: {@code median * exp(sigma * N(0,1))}; a long right tail like real providers. */
  record LogNormal(double medianMs, double sigma) implements Delay {
    @Override
    public long sampleMs(RandomGenerator random) {
      return Math.max(0, Math.round(medianMs * Math.exp(sigma * random.nextGaussian())));
    }
  }

  /**
   * Reads {@code {dist: fixed, ms}}, {@code {dist: uniform, min_ms, max_ms}}, {@code {dist: normal,
   * mean_ms, stddev_ms}}, {@code {dist: lognormal, median_ms, sigma}}, or a bare number of ms.
   */
  static Delay parse(YamlNode node) {
    if (node.isNull()) {
      return ZERO;
    }
    if (node.isNumber()) {
      return new Fixed(node.asLong(0, 3_600_000, 0));
    }
    String dist = node.get("dist").asString("fixed");
    double max = 3_600_000;
    switch (dist) {
      case "fixed" -> {
        node.asMap(Set.of("dist", "ms"));
        return new Fixed(node.get("ms").asLong(0, (long) max, 0));
      }
      case "uniform" -> {
        node.asMap(Set.of("dist", "min_ms", "max_ms"));
        long min = node.get("min_ms").asLong(0, (long) max, 0);
        long hi = node.get("max_ms").asLong(0, (long) max, min);
        if (hi < min) {
          throw node.get("max_ms").error("must be >= min_ms (" + min + "), got " + hi);
        }
        return new Uniform(min, hi);
      }
      case "normal" -> {
        node.asMap(Set.of("dist", "mean_ms", "stddev_ms"));
        return new Normal(
            node.get("mean_ms").asDouble(0, max, 0), node.get("stddev_ms").asDouble(0, max, 0));
      }
      case "lognormal" -> {
        node.asMap(Set.of("dist", "median_ms", "sigma"));
        return new LogNormal(
            node.get("median_ms").asDouble(0, max, 0), node.get("sigma").asDouble(0, 10, 0.5));
      }
      default ->
          throw node.get("dist")
              .error(
                  "unknown distribution \""
                      + dist
                      + "\"; expected one of fixed, uniform, normal, lognormal");
    }
  }
}
