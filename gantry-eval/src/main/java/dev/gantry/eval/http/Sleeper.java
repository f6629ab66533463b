package dev.gantry.eval.http;

import java.time.Duration;

/** Waits between retries; injected so tests need not sleep. Implementations are thread-safe. */
@FunctionalInterface
public interface Sleeper {
  Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
