package dev.gantry.gateway.limits;

import dev.gantry.core.pipeline.RateStatus;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** What a {@link RateStore} answered to one acquisition. */
public sealed interface RateResult permits RateResult.Granted, RateResult.Limited {

  /** The quantity a rate limit counts. */
  enum Dimension {
    REQUESTS,
    TOKENS,
    CONCURRENCY;

    /** {@code requests}, {@code tokens} or {@code concurrency}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Every limit took its share; the lease must be released exactly once.
   *
   * @param claimed the permit of the spend claim reserved with the rate limits ({@link
   *     RateStore#acquire(String, List, long, Claim)}), or null when none was reserved; it must be
   *     settled exactly once
   */
  record Granted(RateStatus status, Permit claimed) implements RateResult {
    /** Granted with no spend claim reserved. */
    public Granted(RateStatus status) {
      this(status, null);
    }
  }

  /**
   * Nothing was taken, because {@code key} has no room in {@code dimension}.
   *
   * @param waitNanos when the limit will have room (a bucket's refill), or -1 when unknown (a
   *     concurrency slot frees when some request ends)
   */
  record Limited(RateKey key, Dimension dimension, long waitNanos, RateStatus status)
      implements RateResult {
    public Limited {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(dimension, "dimension");
    }
  }
}
