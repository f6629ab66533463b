package dev.gantry.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for something another thread will make true (an event delivered, a task scheduled), for
 * tests that then assert on it. The wait is a ceiling, not a measurement: a test passes as soon as
 * the condition holds, so the ceiling can be generous without slowing the suite.
 */
public final class Eventually {
  /** How long a condition may take before the test fails. */
  public static final Duration CEILING = Duration.ofSeconds(20);

  private Eventually() {}

  /** Returns once {@code condition} holds; fails naming {@code what} after {@link #CEILING}. */
  public static void until(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + CEILING.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("still waiting after " + CEILING.toSeconds() + " s for " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }
}
