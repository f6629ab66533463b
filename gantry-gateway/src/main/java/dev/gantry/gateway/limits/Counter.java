package dev.gantry.gateway.limits;

import java.time.Instant;
import java.util.Objects;

/**
 * One limited quantity over one time window, e.g. the spend of customer {@code bob} of tenant
 * {@code acme} on 2025-06-01 in the configured time zone. Immutable; equal when key and window are.
 */
public final class Counter {
  private final String key;
  private final Instant windowStart;
  private final Instant windowEnd;

  /** Formatting the instant is the costly part, and limits compare ids often: made once. */
  private final String id;

  /**
   * @param key a stable name, the same on every replica (a shared implementation stores under it)
   * @param windowStart start of the window, inclusive
   * @param windowEnd end of the window, exclusive; the counter is forgotten after it
   */
  public Counter(String key, Instant windowStart, Instant windowEnd) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(windowStart, "windowStart");
    Objects.requireNonNull(windowEnd, "windowEnd");
    if (!windowEnd.isAfter(windowStart)) {
      throw new IllegalArgumentException("a window must end after it starts");
    }
    this.key = key;
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.id = key + "@" + windowStart;
  }

  public String key() {
    return key;
  }

  public Instant windowStart() {
    return windowStart;
  }

  public Instant windowEnd() {
    return windowEnd;
  }

  /** The key and the window start, unique per window. */
  public String id() {
    return id;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Counter c
        && key.equals(c.key)
        && windowStart.equals(c.windowStart)
        && windowEnd.equals(c.windowEnd);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, windowStart, windowEnd);
  }

  @Override
  public String toString() {
    return "Counter[key=" + key + ", windowStart=" + windowStart + ", windowEnd=" + windowEnd + "]";
  }
}
