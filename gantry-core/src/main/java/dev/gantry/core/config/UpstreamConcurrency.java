package dev.gantry.core.config;

import java.time.Duration;

/**
 * {@code limits.upstream}: how many requests each deployment is sent at once.
 *
 * @param max the most in flight per deployment (0: no cap)
 * @param adaptive when true, the cap adapts below {@code max} (additive increase while calls are
 *     fast and the cap is in use, multiplicative decrease on overload answers — 429, 503, timeouts
 *     — or calls slower than {@code slow}), so a slowing provider is sent less before it fails
 * @param slow a call slower than this counts as a sign of overload for the adaptive cap
 */
public record UpstreamConcurrency(int max, boolean adaptive, Duration slow) {
  public static final UpstreamConcurrency NONE =
      new UpstreamConcurrency(0, false, Duration.ofSeconds(30));

  public UpstreamConcurrency {
    if (max < 0) {
      throw new IllegalArgumentException("limits.upstream.max_concurrency must be >= 0");
    }
    if (adaptive && max == 0) {
      throw new IllegalArgumentException(
          "limits.upstream.adaptive needs limits.upstream.max_concurrency");
    }
  }
}
