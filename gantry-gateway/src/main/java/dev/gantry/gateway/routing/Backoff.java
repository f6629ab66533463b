package dev.gantry.gateway.routing;

import dev.gantry.core.config.RetryConfig;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: before retry {@code k} (1-based) wait a uniform random time
 * in {@code [0, min(max, base * 2^(k-1))]}; an upstream {@code Retry-After} longer than that wins,
 * capped at {@code max}. All values in milliseconds. Thread-safe if the generator is.
 */
public final class Backoff {
  private final RandomGenerator random;

  public Backoff(RandomGenerator random) {
    this.random = random;
  }

  /**
   * @param retry the route's retry settings
   * @param retryNumber 1 for the first retry
   * @param retryAfterMillis the upstream's hint, or a negative number when none
   * @return the delay in milliseconds
   */
  public long delayMillis(RetryConfig retry, int retryNumber, long retryAfterMillis) {
    long base = retry.baseDelay().toMillis();
    long max = retry.maxDelay().toMillis();
    int shift = Math.min(retryNumber - 1, 30);
    long ceiling = Math.min(max, base << shift);
    long jittered = ceiling <= 0 ? 0 : random.nextLong(ceiling + 1);
    if (retryAfterMillis > jittered) {
      return Math.min(retryAfterMillis, max);
    }
    return jittered;
  }

  /**
   * Parses a {@code Retry-After} header given in seconds (the HTTP-date form is not used by model
   * providers); also reads {@code retry-after-ms}. Returns milliseconds, or -1.
   */
  public static long parseRetryAfter(String seconds, String millis) {
    try {
      if (millis != null) {
        return Math.max(0, (long) Double.parseDouble(millis.trim()));
      }
      if (seconds != null) {
        return Math.max(0, (long) (Double.parseDouble(seconds.trim()) * 1000));
      }
    } catch (NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
