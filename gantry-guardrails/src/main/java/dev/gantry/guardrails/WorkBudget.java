package dev.gantry.guardrails;

import java.util.function.Supplier;

/**
 * A deadline for the regular-expression work of one check, kept per thread. {@link #run} sets it
 * around a piece of work; text matched by {@link
 * dev.gantry.guardrails.checks.Re2jRegularExpressionFactory} checks it (and the thread's interrupt
 * flag) as it is read, so an overlong match stops with {@link Exceeded} instead of running on after
 * its check has timed out. Stateless; the deadline lives in a thread-local.
 */
public final class WorkBudget {
  private static final ThreadLocal<long[]> DEADLINE = new ThreadLocal<>();

  private WorkBudget() {}

  /** Thrown inside the work when its budget is spent or its thread was interrupted. */
  public static final class Exceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Exceeded(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Runs {@code work} with a budget of {@code nanos} nanoseconds from now (nested calls keep the
   * earlier deadline).
   */
  public static <T> T run(long nanos, Supplier<T> work) {
    long[] outer = DEADLINE.get();
    long deadline = System.nanoTime() + Math.max(0, nanos);
    if (outer != null && outer[0] - deadline < 0) {
      deadline = outer[0];
    }
    DEADLINE.set(new long[] {deadline});
    try {
      return work.get();
    } finally {
      if (outer == null) {
        DEADLINE.remove();
      } else {
        DEADLINE.set(outer);
      }
    }
  }

  /** Throws {@link Exceeded} when the current budget is spent or the thread was interrupted. */
  public static void check() {
    if (Thread.currentThread().isInterrupted()) {
      throw new Exceeded("the check was stopped");
    }
    long[] d = DEADLINE.get();
    if (d != null && System.nanoTime() - d[0] > 0) {
      throw new Exceeded("the check ran out of time");
    }
  }
}
