package dev.gantry.gateway.providers;

import io.vertx.core.Vertx;

/**
 * Fires {@code onIdle} once a stream has been silent for {@code idleMs} milliseconds. Data only
 * moves a timestamp ({@link #touch}); the single timer re-arms itself for the time that is left
 * when it wakes, so a busy stream costs one timer per idle period, not one per chunk. Owned by one
 * stream on its event loop; not thread-safe.
 */
final class IdleTimer {
  private final Vertx vertx;
  private final long idleMs;
  private final Runnable onIdle;
  private long lastData;
  private long timer;
  private boolean done;

  IdleTimer(Vertx vertx, long idleMs, Runnable onIdle) {
    this.vertx = vertx;
    this.idleMs = idleMs;
    this.onIdle = onIdle;
    this.lastData = System.nanoTime();
    schedule(idleMs);
  }

  private void schedule(long delayMs) {
    timer =
        vertx.setTimer(
            Math.max(1, delayMs),
            id -> {
              if (done) {
                return;
              }
              long silentMs = (System.nanoTime() - lastData) / 1_000_000;
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
    lastData = System.nanoTime();
  }

  /** The stream ended; never fire. */
  void cancel() {
    done = true;
    vertx.cancelTimer(timer);
  }
}
