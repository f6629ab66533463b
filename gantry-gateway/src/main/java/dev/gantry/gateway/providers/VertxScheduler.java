package dev.gantry.gateway.providers;

import dev.gantry.core.time.Scheduler;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * The gateway's timers. On real time they are Vert.x timers, which run on the event loop that set
 * them; on an injected scheduler (tests give {@code ManualTime}) each task is handed back to the
 * Vert.x context that scheduled it when it falls due, so code that owns state on an event loop
 * stays on it. Shared and thread-safe.
 */
public final class VertxScheduler implements Scheduler {
  private final Vertx vertx;
  private final Scheduler injected;

  private VertxScheduler(Vertx vertx, Scheduler injected) {
    this.vertx = vertx;
    this.injected = injected;
  }

  /** Vert.x timers on real time. */
  public static VertxScheduler real(Vertx vertx) {
    return new VertxScheduler(vertx, null);
  }

  /** {@code injected}'s time, or real time when it is null. */
  public static VertxScheduler on(Vertx vertx, Scheduler injected) {
    return new VertxScheduler(vertx, injected);
  }

  @Override
  public Scheduled schedule(Duration delay, Runnable task) {
    if (injected == null) {
      long id = vertx.setTimer(Math.max(1, delay.toMillis()), t -> task.run());
      return () -> vertx.cancelTimer(id);
    }
    Context context = Vertx.currentContext();
    return injected.schedule(
        delay,
        () -> {
          if (context == null) {
            task.run();
          } else {
            context.runOnContext(v -> task.run());
          }
        });
  }
}
