package dev.gantry.core.config;

import java.time.Duration;

/**
 * Retries of one deployment before falling back to the next. Backoff is exponential with full
 * jitter: before retry {@code k} (1-based) Gantry waits a uniform random time in {@code [0,
 * min(maxDelay, baseDelay * 2^(k-1))]}, or the upstream's {@code Retry-After} when that is longer
 * (capped at {@code maxDelay}).
 *
 * @param maxAttempts attempts per deployment, the first included (1 = no retry)
 */
public record RetryConfig(int maxAttempts, Duration baseDelay, Duration maxDelay) {
  public static final RetryConfig DEFAULTS =
      new RetryConfig(2, Duration.ofMillis(100), Duration.ofSeconds(2));

  public RetryConfig {
    if (maxAttempts < 1 || maxAttempts > 10) {
      throw new IllegalArgumentException("retry.max_attempts must be 1..10, was " + maxAttempts);
    }
    if (baseDelay == null || baseDelay.isNegative()) {
      throw new IllegalArgumentException("retry.base_delay must be >= 0, was " + baseDelay);
    }
    if (maxDelay == null || maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException(
          "retry.max_delay must be >= retry.base_delay, was " + maxDelay);
    }
  }
}
