package dev.gantry.gateway.limits;

import dev.gantry.core.time.Scheduler;
import dev.gantry.core.time.Ticker;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Admission with a bounded priority queue in front of a {@link RateStore}. A request a limit
 * refuses may wait, up to {@code maxWait}, in the queue of the limit that refused it: highest
 * priority first, then first come. Only the head of each limit's queue asks the store again — when
 * the limit's bucket has refilled, or when a request holding one of its concurrency slots ends — so
 * a waiting high-priority request is admitted before lower ones. When the queue is full, the
 * lowest-priority waiter (or the newcomer, if it is lowest) is refused at once: load is shed lowest
 * priority first. A request whose wait would exceed {@code maxWait} is refused at once. Shared and
 * thread-safe; timers run on the injected {@link Scheduler}, waits are measured on the {@link
 * Ticker}.
 */
public final class AdmissionQueue {
  /** How often the head of a concurrency queue asks again when releases cannot be seen. */
  static final Duration POLL = Duration.ofMillis(20);

  private final RateStore store;
  private final Scheduler scheduler;
  private final Ticker ticker;
  private final int maxDepth;
  private final long maxWaitNanos;
  private final Object lock = new Object();
  private final Map<String, PriorityQueue<Waiter>> queues = new HashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private int depth;
  private final LongAdder queued = new LongAdder();
  private final LongAdder shed = new LongAdder();
  private final LongAdder waitNanosTotal = new LongAdder();
  private final LongAdder admittedAfterWait = new LongAdder();

  public AdmissionQueue(
      RateStore store, Scheduler scheduler, Ticker ticker, int maxDepth, Duration maxWait) {
    this.store = store;
    this.scheduler = scheduler;
    this.ticker = ticker;
    this.maxDepth = maxDepth;
    this.maxWaitNanos = maxWait.toNanos();
  }

  /** The outcome of one admission. */
  public sealed interface Outcome permits Admitted, Refused {}

  /**
   * Admitted after waiting {@code waitedNanos} (0 when at once) for {@code limited} (null when at
   * once).
   */
  public record Admitted(RateResult.Granted granted, long waitedNanos, RateResult.Limited limited)
      implements Outcome {}

  /**
   * Refused: {@code limited} is the limit that had no room; {@code shed} when the queue was full
   * and this request had the lowest priority; {@code timedOut} when it waited {@code maxWait}.
   */
  public record Refused(
      RateResult.Limited limited, boolean shed, boolean timedOut, long waitedNanos)
      implements Outcome {}

  private static final Comparator<Waiter> ORDER =
      Comparator.comparingInt((Waiter w) -> -w.priority).thenComparingLong(w -> w.seq);

  /** One request waiting. Its fields are guarded by {@link #lock}. */
  private final class Waiter {
    final String leaseId;
    final List<RateKey> keys;
    final long tokens;
    final Claim claim;
    final int priority;
    final long seq = sequence.getAndIncrement();
    final long start = ticker.nanos();
    final CompletableFuture<Outcome> result = new CompletableFuture<>();
    String queue;
    RateResult.Limited last;
    Scheduler.Scheduled deadline;
    Scheduler.Scheduled retry;

    Waiter(String leaseId, List<RateKey> keys, long tokens, Claim claim, int priority) {
      this.leaseId = leaseId;
      this.keys = keys;
      this.tokens = tokens;
      this.claim = claim;
      this.priority = priority;
    }
  }

  /**
   * Takes the request's share of every limit in {@code keys}, waiting in the queue when a limit has
   * no room now; the stage completes when it is admitted or refused.
   */
  public CompletionStage<Outcome> admit(
      String leaseId, List<RateKey> keys, long tokens, int priority) {
    return admit(leaseId, keys, tokens, null, priority);
  }

  /**
   * Like {@link #admit(String, List, long, int)}, with a spend claim that the store reserves with
   * the rate limits when it can ({@link RateStore#acquire(String, List, long, Claim)}): asked with
   * every attempt, reserved only by the one that admits the request.
   *
   * @param claim the request's spend claim, or null
   */
  public CompletionStage<Outcome> admit(
      String leaseId, List<RateKey> keys, long tokens, Claim claim, int priority) {
    Waiter w = new Waiter(leaseId, keys, tokens, claim, priority);
    attempt(w, false);
    return w.result;
  }

  /** Asks the store; on a refusal queues the waiter (or refuses it). */
  private void attempt(Waiter w, boolean fromQueue) {
    store
        .acquire(w.leaseId, w.keys, w.tokens, w.claim)
        .whenComplete(
            (result, error) -> {
              if (error != null) {
                finish(w, null, error);
              } else if (result instanceof RateResult.Granted g) {
                Admitted admitted = new Admitted(g, ticker.nanos() - w.start, w.last);
                String queue = finish(w, admitted, null);
                if (w.result.getNow(null) != admitted) {
                  // refused (its wait ran out) while this attempt was on its way: give it back
                  store.release(w.leaseId, w.keys, w.tokens, 0);
                  if (g.claimed() != null) {
                    g.claimed().release();
                  }
                }
                if (fromQueue) {
                  wakeHead(queue);
                }
              } else {
                limited(w, (RateResult.Limited) result);
              }
            });
  }

  private void limited(Waiter w, RateResult.Limited l) {
    long waited = ticker.nanos() - w.start;
    long left = maxWaitNanos - waited;
    Waiter evicted = null;
    boolean refuse = false;
    synchronized (lock) {
      w.last = l;
      if (maxDepth == 0 || left <= 0 || l.waitNanos() > left) {
        refuse = true;
        if (w.queue != null) {
          remove(w);
        }
      } else {
        if (w.queue == null && depth >= maxDepth) {
          evicted = lowest();
          if (evicted == null || ORDER.compare(evicted, w) < 0) {
            evicted = null;
            w.queue = null;
            shed.increment();
            complete(w, new Refused(l, true, false, waited));
            return;
          }
          remove(evicted);
          shed.increment();
        }
        if (w.queue == null) {
          depth++;
          queued.increment();
          w.deadline = scheduler.schedule(Duration.ofNanos(left), () -> timeout(w));
        } else if (!w.queue.equals(l.key().id())) {
          queues.get(w.queue).remove(w);
        }
        w.queue = l.key().id();
        PriorityQueue<Waiter> q = queues.computeIfAbsent(w.queue, k -> new PriorityQueue<>(ORDER));
        if (!q.contains(w)) {
          q.add(w);
        }
        if (q.peek() == w) {
          scheduleRetry(w, l);
        }
      }
    }
    if (evicted != null) {
      complete(evicted, new Refused(evicted.last, true, false, ticker.nanos() - evicted.start));
    }
    if (refuse) {
      complete(w, new Refused(l, false, false, waited));
    }
  }

  /** Holds the lock. The waiter at the head of its queue asks again when its limit has room. */
  private void scheduleRetry(Waiter w, RateResult.Limited l) {
    if (w.retry != null) {
      w.retry.cancel();
    }
    Duration delay =
        l.waitNanos() >= 0
            ? Duration.ofNanos(l.waitNanos())
            : (store.shared() ? POLL : POLL.multipliedBy(5));
    w.retry = scheduler.schedule(delay, () -> retry(w));
  }

  private void retry(Waiter w) {
    synchronized (lock) {
      if (w.queue == null || w.result.isDone()) {
        return;
      }
      w.retry = null;
    }
    attempt(w, true);
  }

  /** A lease on {@code keys} was released: the heads of their queues ask again. */
  public void released(List<RateKey> keys) {
    for (RateKey k : keys) {
      wakeHead(k.id());
    }
  }

  private void wakeHead(String queue) {
    Waiter head;
    synchronized (lock) {
      if (queue == null) {
        return;
      }
      PriorityQueue<Waiter> q = queues.get(queue);
      head = q == null ? null : q.peek();
      if (head == null) {
        return;
      }
      if (head.retry != null) {
        head.retry.cancel();
        head.retry = null;
      }
    }
    attempt(head, true);
  }

  private void timeout(Waiter w) {
    String queue;
    synchronized (lock) {
      if (w.queue == null || w.result.isDone()) {
        return;
      }
      queue = w.queue;
      remove(w);
    }
    complete(w, new Refused(w.last, false, true, ticker.nanos() - w.start));
    wakeHead(queue);
  }

  /** Completes a waiter; returns the queue it left, or null. */
  private String finish(Waiter w, Outcome outcome, Throwable error) {
    String queue;
    synchronized (lock) {
      queue = w.queue;
      if (queue != null) {
        remove(w);
        if (outcome instanceof Admitted) {
          admittedAfterWait.increment();
          waitNanosTotal.add(ticker.nanos() - w.start);
        }
      }
    }
    if (error != null) {
      w.result.completeExceptionally(error);
    } else {
      complete(w, outcome);
    }
    return queue;
  }

  /** Holds the lock. Takes a waiter out of its queue and cancels its timers. */
  private void remove(Waiter w) {
    PriorityQueue<Waiter> q = queues.get(w.queue);
    if (q != null) {
      q.remove(w);
      if (q.isEmpty()) {
        queues.remove(w.queue);
      }
    }
    w.queue = null;
    depth--;
    if (w.deadline != null) {
      w.deadline.cancel();
    }
    if (w.retry != null) {
      w.retry.cancel();
    }
  }

  /** Holds the lock. The waiter with the lowest priority (the latest among equals), or null. */
  private Waiter lowest() {
    Waiter low = null;
    for (PriorityQueue<Waiter> q : queues.values()) {
      for (Waiter w : q) {
        if (low == null || ORDER.compare(w, low) > 0) {
          low = w;
        }
      }
    }
    return low;
  }

  private static void complete(Waiter w, Outcome outcome) {
    w.result.complete(outcome);
  }

  /** Requests waiting now: the autoscaling signal. */
  public int depth() {
    synchronized (lock) {
      return depth;
    }
  }

  /** Requests that ever waited, were shed, and the total wait of those admitted after waiting. */
  public long[] totals() {
    return new long[] {queued.sum(), shed.sum(), admittedAfterWait.sum(), waitNanosTotal.sum()};
  }
}
