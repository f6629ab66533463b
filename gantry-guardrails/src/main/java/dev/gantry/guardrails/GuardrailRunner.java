package dev.gantry.guardrails;

import dev.gantry.core.time.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs several checks concurrently on a worker pool, each within its own time budget. A check that
 * throws or overruns its budget becomes a {@link GuardrailResult.Reject} when it is configured to
 * fail closed, else a {@link GuardrailResult.Flag} saying it was let through. A check that overruns
 * is also stopped: its worker is interrupted and its {@link WorkBudget} runs out, so the worker is
 * free again instead of finishing work nobody waits for. The checks of one {@link #run} use at most
 * {@code perRun} workers at once, so that one request cannot occupy the whole pool. Shared and
 * thread-safe.
 */
public final class GuardrailRunner {

  /** Told about every finished check, on the thread that finished it. Must not block. */
  @FunctionalInterface
  public interface Listener {
    /**
     * @param nanos time from submission to result, in nanoseconds
     * @param failure the exception or timeout that replaced the check's own result, or null
     */
    void evaluated(GuardrailResult result, long nanos, Throwable failure);
  }

  /**
   * One check to run.
   *
   * @param timeout the check's budget, from submission
   * @param failClosed what an error or a timeout means: true rejects, false lets the text pass
   */
  public record Task(
      String guardrail, Duration timeout, boolean failClosed, Supplier<GuardrailResult> work) {
    public Task {
      Objects.requireNonNull(guardrail, "guardrail");
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(work, "work");
    }
  }

  private final Executor workers;
  private final Listener listener;
  private final int perRun;
  private final Ticker ticker;

  /** A runner whose runs each use at most half the pool's threads (at least one). */
  public GuardrailRunner(Executor workers, Listener listener) {
    this(workers, listener, halfOf(workers), Ticker.SYSTEM);
  }

  /**
   * A runner whose runs each use at most half the pool's threads, timing checks on {@code ticker}
   * for the listener (budgets are enforced on real time).
   */
  public GuardrailRunner(Executor workers, Listener listener, Ticker ticker) {
    this(workers, listener, halfOf(workers), ticker);
  }

  /**
   * @param listener told about each finished check, or null
   * @param perRun the most workers the checks of one {@link #run} occupy at once
   * @param ticker times each check for the listener (budgets are enforced on real time)
   */
  public GuardrailRunner(Executor workers, Listener listener, int perRun, Ticker ticker) {
    this.workers = Objects.requireNonNull(workers, "workers");
    this.listener = listener == null ? (r, n, f) -> {} : listener;
    if (perRun < 1) {
      throw new IllegalArgumentException("perRun must be >= 1, was " + perRun);
    }
    this.perRun = perRun;
    this.ticker = Objects.requireNonNull(ticker, "ticker");
  }

  /** Half of a thread pool's maximum size, at least one; unbounded for other executors. */
  static int halfOf(Executor workers) {
    if (workers instanceof java.util.concurrent.ThreadPoolExecutor pool) {
      return Math.max(1, pool.getMaximumPoolSize() / 2);
    }
    return Integer.MAX_VALUE;
  }

  /** Runs every task; the results come in task order and the future never fails. */
  public CompletableFuture<List<GuardrailResult>> run(List<Task> tasks) {
    return run(tasks, null);
  }

  /**
   * Runs every task, telling {@code observer} (as well as the runner's listener) about each check
   * as it finishes, with that check's own time and failure: a caller that knows the request
   * publishes one event per check from it.
   */
  public CompletableFuture<List<GuardrailResult>> run(List<Task> tasks, Listener observer) {
    List<CompletableFuture<GuardrailResult>> futures = new ArrayList<>(tasks.size());
    Executor lane =
        tasks.size() <= 1 || perRun >= tasks.size() ? workers : new Lane(workers, perRun);
    for (Task task : tasks) {
      futures.add(runOne(task, lane, observer));
    }
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .thenApply(
            ignored -> {
              List<GuardrailResult> out = new ArrayList<>(futures.size());
              futures.forEach(f -> out.add(f.join()));
              return out;
            });
  }

  private CompletableFuture<GuardrailResult> runOne(Task task, Executor lane, Listener observer) {
    long start = System.nanoTime(); // the budget runs on real time
    long started = ticker.nanos();
    long budget = task.timeout().toNanos();
    CompletableFuture<GuardrailResult> f = new CompletableFuture<>();
    Job job = new Job(f, () -> WorkBudget.run(budget - (System.nanoTime() - start), task.work()));
    try {
      lane.execute(job);
    } catch (RuntimeException rejected) {
      f.completeExceptionally(rejected);
    }
    return f.orTimeout(budget, TimeUnit.NANOSECONDS)
        .handle(
            (result, error) -> {
              job.cancel(true);
              long nanos = ticker.nanos() - started;
              Throwable cause = unwrap(error);
              GuardrailResult out =
                  cause == null ? Objects.requireNonNull(result, "result") : failed(task, cause);
              listener.evaluated(out, nanos, cause);
              if (observer != null) {
                observer.evaluated(out, nanos, cause);
              }
              return out;
            });
  }

  /**
   * One check on a worker: completes {@code result}; cancelling it interrupts the worker if the
   * check is still running (the pool clears the flag before its next task).
   */
  private static final class Job extends java.util.concurrent.FutureTask<Void>
      implements Lane.Rejectable {
    private final CompletableFuture<GuardrailResult> result;

    Job(
        CompletableFuture<GuardrailResult> result,
        java.util.function.Supplier<GuardrailResult> work) {
      super(
          () -> {
            try {
              result.complete(work.get());
            } catch (Throwable t) {
              result.completeExceptionally(t);
            }
          },
          null);
      this.result = result;
    }

    @Override
    public void rejected(java.util.concurrent.RejectedExecutionException e) {
      result.completeExceptionally(e);
    }
  }

  private static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while (e instanceof java.util.concurrent.CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  static GuardrailResult failed(Task task, Throwable cause) {
    String what =
        cause instanceof TimeoutException || cause instanceof WorkBudget.Exceeded
            ? "did not finish within " + task.timeout().toMillis() + " ms"
            : "failed: " + cause.getClass().getSimpleName();
    if (task.failClosed()) {
      return new GuardrailResult.Reject(
          task.guardrail(),
          1,
          "check " + what + " (on_error: closed)",
          List.of(),
          "The request could not be checked by the " + task.guardrail() + " guardrail.");
    }
    return new GuardrailResult.Flag(
        task.guardrail(), 0, "check " + what + "; let through (on_error: open)", List.of());
  }
}
