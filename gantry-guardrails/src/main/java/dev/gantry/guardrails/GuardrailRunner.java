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
 * fail closed, else a {@link GuardrailResult.Flag} saying it was let through. Shared and
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
  private final Ticker ticker;

  /** A runner that times checks on the system ticker. */
  public GuardrailRunner(Executor workers, Listener listener) {
    this(workers, listener, Ticker.SYSTEM);
  }

  /**
   * @param listener told about each finished check, or null
   * @param ticker times each check for the listener (budgets are enforced on real time)
   */
  public GuardrailRunner(Executor workers, Listener listener, Ticker ticker) {
    this.workers = Objects.requireNonNull(workers, "workers");
    this.listener = listener == null ? (r, n, f) -> {} : listener;
    this.ticker = Objects.requireNonNull(ticker, "ticker");
  }

  /** Runs every task; the results come in task order and the future never fails. */
  public CompletableFuture<List<GuardrailResult>> run(List<Task> tasks) {
    return run(tasks, null);
  }

  /**
   * Runs every task, telling {@code perRun} (as well as the runner's listener) about each check as
   * it finishes, with that check's own time and failure: a caller that knows the request publishes
   * one event per check from it.
   */
  public CompletableFuture<List<GuardrailResult>> run(List<Task> tasks, Listener perRun) {
    List<CompletableFuture<GuardrailResult>> futures = new ArrayList<>(tasks.size());
    for (Task task : tasks) {
      futures.add(runOne(task, perRun));
    }
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .thenApply(
            ignored -> {
              List<GuardrailResult> out = new ArrayList<>(futures.size());
              futures.forEach(f -> out.add(f.join()));
              return out;
            });
  }

  private CompletableFuture<GuardrailResult> runOne(Task task, Listener perRun) {
    long start = ticker.nanos();
    CompletableFuture<GuardrailResult> f;
    try {
      f = CompletableFuture.supplyAsync(task.work(), workers);
    } catch (RuntimeException rejected) {
      f = CompletableFuture.failedFuture(rejected);
    }
    return f.orTimeout(task.timeout().toNanos(), TimeUnit.NANOSECONDS)
        .handle(
            (result, error) -> {
              long nanos = ticker.nanos() - start;
              Throwable cause = unwrap(error);
              GuardrailResult out =
                  cause == null ? Objects.requireNonNull(result, "result") : failed(task, cause);
              listener.evaluated(out, nanos, cause);
              if (perRun != null) {
                perRun.evaluated(out, nanos, cause);
              }
              return out;
            });
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
        cause instanceof TimeoutException
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
