package dev.gantry.gateway.limits;

import dev.gantry.core.config.RateLimit;
import dev.gantry.core.pipeline.RateStatus;
import dev.gantry.core.time.Ticker;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * {@link RateStore} for one process: a Bucket4j token bucket per subject and dimension (capacity
 * the per-minute limit, refilled greedily over a minute) and a count of requests in flight. One
 * lock covers every subject, so an acquisition over several limits is all or nothing. Time comes
 * from the injected {@link Ticker}. Limits can be scaled down by a divisor (each of N replicas
 * enforcing 1/N while the shared store is unreachable). Idle, full buckets are forgotten. Shared
 * and thread-safe; completes at once.
 */
public final class LocalRateStore implements RateStore {
  private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();
  private static final long SWEEP_NANOS = Duration.ofMinutes(1).toNanos();

  private final TimeMeter meter;
  private final Ticker ticker;
  private final int divisor;
  private final Consumer<List<RateKey>> onRelease;
  private final Object lock = new Object();
  private final Map<String, Entry> entries = new HashMap<>();
  private long nextSweep;

  /**
   * @param divisor each limit is divided by this (rounded up), 1 for the configured limits
   * @param onRelease told which keys freed room when a lease is released (the queue wakes waiters)
   */
  public LocalRateStore(Ticker ticker, int divisor, Consumer<List<RateKey>> onRelease) {
    this.ticker = ticker;
    this.divisor = Math.max(1, divisor);
    this.onRelease = onRelease;
    this.meter =
        new TimeMeter() {
          @Override
          public long currentTimeNanos() {
            return ticker.nanos();
          }

          @Override
          public boolean isWallClockBased() {
            return false;
          }
        };
    this.nextSweep = ticker.nanos() + SWEEP_NANOS;
  }

  /** One subject's buckets. Guarded by {@link #lock}. */
  private final class Entry {
    final RateLimit limit;
    final long rpm;
    final long tpm;
    final long concurrency;
    final Bucket requests;
    final Bucket tokens;
    long inFlight;

    Entry(RateLimit limit) {
      this.limit = limit;
      this.rpm = scaled(limit.rpm());
      this.tpm = scaled(limit.tpm());
      this.concurrency = scaled(limit.concurrency());
      this.requests = rpm == 0 ? null : bucket(rpm);
      this.tokens = tpm == 0 ? null : bucket(tpm);
    }

    boolean idle() {
      return inFlight == 0
          && (requests == null || requests.getAvailableTokens() >= rpm)
          && (tokens == null || tokens.getAvailableTokens() >= tpm);
    }
  }

  private long scaled(int perMinute) {
    return perMinute == 0 ? 0 : (perMinute + divisor - 1) / divisor;
  }

  private Bucket bucket(long perMinute) {
    return Bucket.builder()
        .addLimit(l -> l.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
        .withCustomTimePrecision(meter)
        .build();
  }

  @Override
  public CompletionStage<RateResult> acquire(String leaseId, List<RateKey> keys, long tokens) {
    synchronized (lock) {
      sweep();
      Tightest tight = new Tightest();
      List<Entry> taken = new ArrayList<>(keys.size());
      for (RateKey key : keys) {
        Entry e = entry(key);
        RateResult.Limited refused = take(e, key, tokens, tight);
        if (refused != null) {
          for (Entry t : taken) {
            give(t, tokens);
          }
          return CompletableFuture.completedFuture(refused);
        }
        taken.add(e);
      }
      return CompletableFuture.completedFuture(new RateResult.Granted(tight.status(0)));
    }
  }

  /** Takes a request's share from one subject; on refusal takes nothing and says why. */
  private RateResult.Limited take(Entry e, RateKey key, long tokens, Tightest tight) {
    if (e.concurrency > 0 && e.inFlight >= e.concurrency) {
      return new RateResult.Limited(key, RateResult.Dimension.CONCURRENCY, -1, tight.status(1));
    }
    ConsumptionProbe r = null;
    if (e.requests != null) {
      r = e.requests.tryConsumeAndReturnRemaining(1);
      if (!r.isConsumed()) {
        tight.requests(e.rpm, 0, r.getNanosToWaitForReset());
        return new RateResult.Limited(
            key,
            RateResult.Dimension.REQUESTS,
            r.getNanosToWaitForRefill(),
            tight.status(seconds(r.getNanosToWaitForRefill())));
      }
    }
    if (e.tokens != null) {
      long want = Math.min(tokens, e.tpm);
      ConsumptionProbe t = e.tokens.tryConsumeAndReturnRemaining(want);
      if (!t.isConsumed()) {
        if (e.requests != null) {
          e.requests.addTokens(1);
        }
        tight.tokens(e.tpm, t.getRemainingTokens(), t.getNanosToWaitForReset());
        return new RateResult.Limited(
            key,
            RateResult.Dimension.TOKENS,
            t.getNanosToWaitForRefill(),
            tight.status(seconds(t.getNanosToWaitForRefill())));
      }
      tight.tokens(e.tpm, t.getRemainingTokens(), resetNanos(e.tpm, t.getRemainingTokens()));
    }
    if (r != null) {
      tight.requests(e.rpm, r.getRemainingTokens(), resetNanos(e.rpm, r.getRemainingTokens()));
    }
    e.inFlight++;
    return null;
  }

  /** Gives back what {@link #take} took from one subject. */
  private void give(Entry e, long tokens) {
    e.inFlight--;
    if (e.requests != null) {
      e.requests.addTokens(1);
    }
    if (e.tokens != null) {
      e.tokens.addTokens(Math.min(tokens, e.tpm));
    }
  }

  @Override
  public CompletionStage<Void> release(
      String leaseId, List<RateKey> keys, long reservedTokens, long actualTokens) {
    synchronized (lock) {
      for (RateKey key : keys) {
        Entry e = entries.get(key.id());
        if (e == null || !e.limit.equals(key.limit())) {
          continue; // replaced by a reload: the new limit started afresh
        }
        e.inFlight = Math.max(0, e.inFlight - 1);
        if (e.tokens != null) {
          long diff = Math.min(reservedTokens, e.tpm) - actualTokens;
          if (diff > 0) {
            e.tokens.addTokens(diff);
          } else if (diff < 0) {
            e.tokens.consumeIgnoringRateLimits(-diff);
          }
        }
      }
    }
    onRelease.accept(keys);
    return CompletableFuture.completedFuture(null);
  }

  private Entry entry(RateKey key) {
    Entry e = entries.get(key.id());
    if (e == null || !e.limit.equals(key.limit())) {
      e = new Entry(key.limit());
      entries.put(key.id(), e);
    }
    return e;
  }

  private void sweep() {
    long now = ticker.nanos();
    if (now - nextSweep < 0) {
      return;
    }
    nextSweep = now + SWEEP_NANOS;
    entries.values().removeIf(Entry::idle);
  }

  /** Subjects currently tracked (for tests and the admin API). */
  public int size() {
    synchronized (lock) {
      return entries.size();
    }
  }

  static long resetNanos(long perMinute, long remaining) {
    return perMinute == 0 ? 0 : (perMinute - Math.max(0, remaining)) * MINUTE_NANOS / perMinute;
  }

  static long seconds(long nanos) {
    return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
  }

  /** The tightest limit per dimension over the subjects of one acquisition. */
  static final class Tightest {
    long limitRequests;
    long remainingRequests = Long.MAX_VALUE;
    long resetRequests;
    long limitTokens;
    long remainingTokens = Long.MAX_VALUE;
    long resetTokens;

    void requests(long limit, long remaining, long resetNanos) {
      if (remaining < remainingRequests) {
        limitRequests = limit;
        remainingRequests = remaining;
        resetRequests = resetNanos;
      }
    }

    void tokens(long limit, long remaining, long resetNanos) {
      if (remaining < remainingTokens) {
        limitTokens = limit;
        remainingTokens = remaining;
        resetTokens = resetNanos;
      }
    }

    RateStatus status(long retryAfterSeconds) {
      return new RateStatus(
          limitRequests,
          limitRequests == 0 ? 0 : remainingRequests,
          resetRequests / 1_000_000,
          limitTokens,
          limitTokens == 0 ? 0 : Math.max(0, remainingTokens),
          resetTokens / 1_000_000,
          retryAfterSeconds);
    }
  }
}
