package dev.gantry.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Time that moves only when told to: a {@link Ticker}, a wall {@link Clock} and a {@link Scheduler}
 * on one shared time line, for tests of time-based behaviour (backoff, expiry, windows, TTLs,
 * budgets per day) without sleeping. {@link #advance} moves the time line forward and runs every
 * task that falls due, in due order, on the calling thread, each with the time set to its due
 * instant. Thread-safe.
 */
public final class ManualTime implements Ticker, Scheduler {
  private final Instant origin;
  private final PriorityQueue<Task> tasks = new PriorityQueue<>();
  private long nanos;
  private long sequence;

  /** Time starting at {@code origin} on the wall clock; the ticker starts at 0. */
  public ManualTime(Instant origin) {
    this.origin = Objects.requireNonNull(origin, "origin");
  }

  /** Time starting at 2026-01-05T09:00:00Z (a Monday). */
  public ManualTime() {
    this(Instant.parse("2026-01-05T09:00:00Z"));
  }

  @Override
  public synchronized long nanos() {
    return nanos;
  }

  /** The current instant on the wall clock. */
  public synchronized Instant instant() {
    return origin.plusNanos(nanos);
  }

  /** A UTC clock that reads this time line. */
  public Clock clock() {
    return clock(ZoneOffset.UTC);
  }

  /** A clock in {@code zone} that reads this time line. */
  public Clock clock(ZoneId zone) {
    return new View(this, zone);
  }

  @Override
  public synchronized Scheduled schedule(Duration delay, Runnable task) {
    Task t = new Task(nanos + Math.max(0, delay.toNanos()), sequence++, task);
    tasks.add(t);
    return () -> cancel(t);
  }

  private synchronized void cancel(Task t) {
    tasks.remove(t);
  }

  /** Tasks waiting to run. */
  public synchronized int pending() {
    return tasks.size();
  }

  /**
   * Moves time forward by {@code step} (not negative), running each task that falls due on the way,
   * including tasks that those tasks schedule within the step.
   */
  public void advance(Duration step) {
    if (step.isNegative()) {
      throw new IllegalArgumentException("time cannot go back: " + step);
    }
    long target;
    synchronized (this) {
      target = nanos + step.toNanos();
    }
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.peek();
        if (next == null || next.due > target) {
          nanos = target;
          return;
        }
        tasks.poll();
        nanos = Math.max(nanos, next.due);
      }
      next.action.run();
    }
  }

  /** Runs the tasks already due without moving time. */
  public void runDue() {
    advance(Duration.ZERO);
  }

  /** Descriptions of the due times of pending tasks, for assertion messages. */
  public synchronized List<Duration> pendingDelays() {
    List<Duration> out = new ArrayList<>();
    for (Task t : tasks) {
      out.add(Duration.ofNanos(t.due - nanos));
    }
    out.sort(null);
    return out;
  }

  @Override
  public String toString() {
    return "ManualTime[" + instant() + "]";
  }

  private record Task(long due, long seq, Runnable action) implements Comparable<Task> {
    @Override
    public int compareTo(Task o) {
      int c = Long.compare(due, o.due);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private static final class View extends Clock {
    private final ManualTime time;
    private final ZoneId zone;

    View(ManualTime time, ZoneId zone) {
      this.time = time;
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
      return new View(time, z);
    }

    @Override
    public Instant instant() {
      return time.instant();
    }
  }
}
