package dev.gantry.core.time;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task once after a delay measured on the same time line as the matching {@link Ticker}: the
 * seam under every timer whose behaviour tests check (backoff before a retry, idle streams, the
 * configuration watcher), so a test can replace real time with {@link ManualTime} and {@code
 * advance()} it. Implementations are shared and thread-safe; where a task runs (a scheduler thread,
 * an event loop, the thread that advances a {@link ManualTime}) is stated by each implementation.
 */
@FunctionalInterface
public interface Scheduler {

  /**
   * Schedules {@code task} to run once, {@code delay} from now (a zero or negative delay runs it as
   * soon as possible, never on the calling thread's stack).
   *
   * @return a handle that cancels the task if it has not started
   */
  Scheduled schedule(Duration delay, Runnable task);

  /** Real time: tasks run on {@code executor}'s threads; the executor is not shut down here. */
  static Scheduler of(ScheduledExecutorService executor) {
    return (delay, task) -> {
      ScheduledFuture<?> f =
          executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    };
  }

  /** A task waiting to run. */
  @FunctionalInterface
  interface Scheduled {
    /** Cancels the task if it has not run yet; does nothing otherwise. Idempotent. */
    void cancel();
  }
}
