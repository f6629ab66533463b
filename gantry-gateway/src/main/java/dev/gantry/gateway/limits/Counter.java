package dev.gantry.gateway.limits;

import java.time.Instant;
import java.util.Objects;

/**
 * One limited quantity over one time window, e.g. the spend of customer {@code bob} of tenant
 * {@code acme} on 2025-06-01 in the configured time zone.
 *
 * @param key a stable name, the same on every replica (a shared implementation stores under it)
 * @param windowStart start of the window, inclusive
 * @param windowEnd end of the window, exclusive; the counter is forgotten after it
 */
public record Counter(String key, Instant windowStart, Instant windowEnd) {
  public Counter {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(windowStart, "windowStart");
    Objects.requireNonNull(windowEnd, "windowEnd");
    if (!windowEnd.isAfter(windowStart)) {
      throw new IllegalArgumentException("a window must end after it starts");
    }
  }

  /** The key and the window start, unique per window. */
  public String id() {
    return key + "@" + windowStart;
  }
}
