package dev.gantry.gateway.pipeline;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Executor;

/** An executor that runs tasks on the calling Vert.x context (inline when there is none). */
public final class OnContext {
  private OnContext() {}

  public static Executor current() {
    Context context = Vertx.currentContext();
    if (context == null) {
      return Runnable::run;
    }
    return task -> {
      if (Vertx.currentContext() == context) {
        task.run();
      } else {
        context.runOnContext(v -> task.run());
      }
    };
  }
}
