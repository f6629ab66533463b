package dev.gantry.gateway.providers;

import dev.gantry.core.time.Scheduler;
import dev.gantry.core.time.Ticker;
import java.time.Duration;

/**
 * Fires {@code onIdle} once a stream has been silent for {@code idleMs} milliseconds. Data only
 * moves a timestamp ({@link #touch}); the single timer re-arms itself for the time that is left
 * when it wakes, so a busy stream costs one timer per idle period, not one per chunk. The scheduler
 * and the ticker must share one time line. Owned by one stream on its event loop; not thread-safe.
 */
final class IdleTimer {
  private final Scheduler scheduler;
  private final Ticker ticker;
  private final long idleMs;
  private final Runnable onIdle;
  private long lastData;
  private Scheduler.Scheduled timer;
  private boolean done;

  IdleTimer(Scheduler scheduler, Ticker ticker, long idleMs, Runnable onIdle) {
    this.scheduler = scheduler;
    this.ticker = ticker;
    this.idleMs = idleMs;
    this.onIdle = onIdle;
    this.lastData = ticker.nanos();
    schedule(idleMs);
  }

  private void schedule(long delayMs) {
    timer =
        scheduler.schedule(
            Duration.ofMillis(Math.max(1, delayMs)),
            () -> {
              if (done) {
                return;
              }
              long silentMs = (ticker.nanos() - lastData) / 1_000_000;
              if (silentMs >= idleMs) {
                done = true;
                onIdle.run();
              } else {
                schedule(idleMs - silentMs);
              }
            });
  }

  /** Data arrived. */
  void touch() {
    lastData = ticker.nanos();
  }

  /** The stream ended; never fire. */
  void cancel() {
    done = true;
    timer.cancel();
  }
}
