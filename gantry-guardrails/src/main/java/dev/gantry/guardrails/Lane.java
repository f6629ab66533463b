package dev.gantry.guardrails;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Hands tasks to a shared pool with at most {@code width} of them running at once; the rest wait
 * here, in order. One lane serves the tasks of one request, so that a request with many checks (or
 * checks that run long) cannot take every worker of the pool. Thread-safe; one per request.
 */
final class Lane implements Executor {
  private final Executor pool;
  private final int width;
  private final Queue<Runnable> waiting = new ArrayDeque<>();
  private int running;

  Lane(Executor pool, int width) {
    if (width < 1) {
      throw new IllegalArgumentException("width must be >= 1, was " + width);
    }
    this.pool = pool;
    this.width = width;
  }

  /**
   * Queues {@code task}. A task the pool refuses is not run: a {@link Rejectable} is told so, and
   * the lane carries on with the tasks after it.
   */
  @Override
  public void execute(Runnable task) {
    synchronized (this) {
      if (running >= width) {
        waiting.add(task);
        return;
      }
      running++;
    }
    submit(task);
  }

  private void submit(Runnable task) {
    Runnable next = task;
    while (next != null) {
      Runnable current = next;
      try {
        pool.execute(
            () -> {
              try {
                current.run();
              } finally {
                Runnable after = poll();
                if (after != null) {
                  submit(after);
                }
              }
            });
        return;
      } catch (RejectedExecutionException e) {
        if (current instanceof Rejectable r) {
          r.rejected(e);
        }
        next = poll();
      }
    }
  }

  /** The next waiting task (keeping its slot), or null after giving the slot back. */
  private synchronized Runnable poll() {
    Runnable next = waiting.poll();
    if (next == null) {
      running--;
    }
    return next;
  }

  /** A task that wants to know when the pool refused it. */
  interface Rejectable extends Runnable {
    void rejected(RejectedExecutionException e);
  }
}
