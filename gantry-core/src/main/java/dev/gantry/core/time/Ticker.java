package dev.gantry.core.time;

/**
 * A source of monotonic nanoseconds, injected wherever elapsed time matters so tests can use a fake
 * that they advance by hand. Implementations are thread-safe.
 */
@FunctionalInterface
public interface Ticker {
  /** The system ticker, {@link System#nanoTime()}. */
  Ticker SYSTEM = System::nanoTime;

  /** Monotonic time in nanoseconds from an arbitrary origin. */
  long nanos();
}
