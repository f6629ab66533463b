package dev.gantry.sim;

import java.util.function.LongSupplier;

/**
 * A requests-per-minute token bucket: holds up to {@code rpm} permits and refills {@code rpm} per
 * minute. Thread-safe. Time comes from an injected nanosecond clock so tests can advance it.
 */
final class RateLimiter {
  private static final long MINUTE_NANOS = 60_000_000_000L;

  private final int rpm;
  private final LongSupplier nanoClock;
  private final long nanosPerPermit;
  private double permits;
  private long last;

  RateLimiter(int rpm, LongSupplier nanoClock) {
    if (rpm < 1) {
      throw new IllegalArgumentException("rpm must be >= 1, was " + rpm);
    }
    this.rpm = rpm;
    this.nanoClock = nanoClock;
    this.nanosPerPermit = MINUTE_NANOS / rpm;
    this.permits = rpm;
    this.last = nanoClock.getAsLong();
  }

  /**
   * Takes one permit.
   *
   * @return 0 when the request may proceed, else how many whole seconds (at least 1) until a permit
   *     is available
   */
  synchronized long tryAcquire() {
    long now = nanoClock.getAsLong();
    permits = Math.min(rpm, permits + (double) (now - last) / nanosPerPermit);
    last = now;
    if (permits >= 1) {
      permits -= 1;
      return 0;
    }
    double missingNanos = (1 - permits) * nanosPerPermit;
    return Math.max(1, (long) Math.ceil(missingNanos / 1e9));
  }

  @Override
  public String toString() {
    return "RateLimiter[rpm=" + rpm + "]";
  }
}
