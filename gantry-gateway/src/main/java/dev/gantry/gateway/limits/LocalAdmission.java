package dev.gantry.gateway.limits;

import dev.gantry.core.time.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Admission} for one process: counters live in memory, each seeded once per window from a
 * durable {@link Baseline} (the spend ledger's sum for the window), then kept by settlements. One
 * lock covers every counter, so a claim's check and reservation over several counters is atomic.
 * Reservations expire {@code ttl} after they were made, on the injected {@link Ticker}; counters
 * are forgotten once their window has been over for a day, on the injected {@link Clock}. Shared
 * and thread-safe; {@link #reserve} completes at once unless a counter's baseline is still loading.
 */
public final class LocalAdmission implements Admission {
  /**
   * The durable amount already used in a counter's window, loaded when the counter is first used.
   */
  @FunctionalInterface
  public interface Baseline {
    CompletionStage<Long> load(Counter counter);

    /** Every counter starts at zero. */
    Baseline ZERO = c -> CompletableFuture.completedFuture(0L);
  }

  private static final Duration KEEP_AFTER_WINDOW = Duration.ofDays(1);

  private final Baseline baseline;
  private final Ticker ticker;
  private final Clock clock;
  private final Object lock = new Object();
  private final Map<String, State> counters = new HashMap<>();
  private final Map<String, CompletableFuture<Long>> loading = new ConcurrentHashMap<>();
  private long permits;
  private Instant nextEviction = Instant.MIN;

  public LocalAdmission(Baseline baseline, Ticker ticker, Clock clock) {
    this.baseline = baseline;
    this.ticker = ticker;
    this.clock = clock;
  }

  /** One counter's state. Guarded by {@link #lock}. */
  private static final class State {
    final Counter counter;
    long settled;
    long reserved;
    final Map<Long, long[]> holds = new LinkedHashMap<>(); // permit -> {amount, expiresAtNanos}
    long earliestExpiry = Long.MAX_VALUE;

    State(Counter counter, long settled) {
      this.counter = counter;
      this.settled = settled;
    }

    void expire(long now) {
      if (now - earliestExpiry < 0) {
        return;
      }
      earliestExpiry = Long.MAX_VALUE;
      for (Iterator<long[]> it = holds.values().iterator(); it.hasNext(); ) {
        long[] h = it.next();
        if (now - h[1] >= 0) {
          reserved -= h[0];
          it.remove();
        } else if (h[1] - earliestExpiry < 0) {
          earliestExpiry = h[1];
        }
      }
    }
  }

  @Override
  public CompletionStage<Decision> reserve(Claim claim) {
    List<CompletableFuture<Long>> loads = new ArrayList<>();
    synchronized (lock) {
      for (Charge c : claim.charges()) {
        if (!counters.containsKey(c.counter().id())) {
          loads.add(load(c.counter()));
        }
      }
      if (loads.isEmpty()) {
        return CompletableFuture.completedFuture(decide(claim));
      }
    }
    return CompletableFuture.allOf(loads.toArray(new CompletableFuture<?>[0]))
        .thenApply(
            v -> {
              synchronized (lock) {
                return decide(claim);
              }
            });
  }

  /** Starts (or joins) loading a counter's baseline; the state is created when it arrives. */
  private CompletableFuture<Long> load(Counter counter) {
    String id = counter.id();
    CompletableFuture<Long> created = new CompletableFuture<>();
    CompletableFuture<Long> running = loading.putIfAbsent(id, created);
    if (running != null) {
      return running;
    }
    CompletionStage<Long> source;
    try {
      source = baseline.load(counter);
    } catch (RuntimeException e) {
      source = CompletableFuture.failedFuture(e);
    }
    source.whenComplete(
        (value, error) -> {
          synchronized (lock) {
            if (error == null && !counters.containsKey(id)) {
              counters.put(id, new State(counter, value));
            }
            loading.remove(id);
          }
          if (error != null) {
            created.completeExceptionally(error);
          } else {
            created.complete(value);
          }
        });
    return created;
  }

  /** Checks every charge and reserves them all, or none. Holds {@link #lock}. */
  private Decision decide(Claim claim) {
    evictEndedWindows();
    long now = ticker.nanos();
    List<State> states = new ArrayList<>(claim.charges().size());
    for (Charge c : claim.charges()) {
      State s = counters.get(c.counter().id());
      if (s == null) {
        // evicted between load and decision (a window long over): start it again from zero
        s = new State(c.counter(), 0);
        counters.put(c.counter().id(), s);
      }
      s.expire(now);
      long used = s.settled + s.reserved;
      if (c.limit() != Long.MAX_VALUE && used + c.amount() > c.limit()) {
        return new Decision.Refused(c, used);
      }
      states.add(s);
    }
    long id = ++permits;
    long expires = now + claim.ttl().toNanos();
    for (int i = 0; i < states.size(); i++) {
      State s = states.get(i);
      long amount = claim.charges().get(i).amount();
      s.holds.put(id, new long[] {amount, expires});
      s.reserved += amount;
      if (expires - s.earliestExpiry < 0) {
        s.earliestExpiry = expires;
      }
    }
    return new Decision.Admitted(new LocalPermit(id, claim.charges()));
  }

  private void evictEndedWindows() {
    Instant now = clock.instant();
    if (now.isBefore(nextEviction)) {
      return;
    }
    nextEviction = now.plusSeconds(60);
    Instant cutoff = now.minus(KEEP_AFTER_WINDOW);
    counters.values().removeIf(s -> s.counter.windowEnd().isBefore(cutoff));
  }

  /** What a counter holds now (settled, reserved), for tests and the admin API; null if unknown. */
  public long[] peek(Counter counter) {
    synchronized (lock) {
      State s = counters.get(counter.id());
      if (s == null) {
        return null;
      }
      s.expire(ticker.nanos());
      return new long[] {s.settled, s.reserved};
    }
  }

  private final class LocalPermit implements Permit {
    private final long id;
    private final List<Charge> charges;
    private boolean done;

    LocalPermit(long id, List<Charge> charges) {
      this.id = id;
      this.charges = charges;
    }

    @Override
    public List<Settled> settle(long actual) {
      if (actual < 0) {
        throw new IllegalArgumentException("actual must be >= 0, was " + actual);
      }
      synchronized (lock) {
        if (done) {
          return List.of();
        }
        done = true;
        List<Settled> out = new ArrayList<>(charges.size());
        for (Charge c : charges) {
          State s = counters.get(c.counter().id());
          if (s == null) {
            continue; // the window is long over and forgotten; the ledger still has the spend
          }
          long[] hold = s.holds.remove(id);
          if (hold != null) {
            s.reserved -= hold[0];
          }
          long before = s.settled;
          s.settled += actual;
          out.add(new Settled(c, before, s.settled));
        }
        return out;
      }
    }
  }
}
