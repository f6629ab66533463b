package dev.gantry.gateway.routing;

import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ApiException;
import dev.gantry.core.config.DeploymentConfig;
import dev.gantry.core.config.RouteConfig;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.UpstreamAttemptFailed;
import dev.gantry.core.time.Scheduler;
import dev.gantry.core.time.Ticker;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The per-attempt loop: tries a route's deployments in planned order, retrying each up to the
 * route's {@code max_attempts} with backoff on retryable failures, then falling back to the next.
 * It never retries once {@code mayRetry} says no (the first byte of a stream reached the client)
 * and never starts an attempt after the request's deadline. Shared and thread-safe; one {@link
 * #run} per request.
 */
public final class AttemptLoop {
  private final Scheduler scheduler;
  private final AttemptPlanner planner;
  private final Backoff backoff;
  private final DeploymentHealth health;
  private final EventBus events;
  private final Ticker ticker;

  /** One attempt against one deployment; fails with an {@link AttemptFailure}. */
  @FunctionalInterface
  public interface Attempt<T> {
    Future<T> run(DeploymentConfig deployment);
  }

  /**
   * @param scheduler runs the wait before a retry; it must run the task on the event loop that
   *     scheduled it (the gateway's Vert.x timers do)
   */
  public AttemptLoop(
      Scheduler scheduler,
      AttemptPlanner planner,
      Backoff backoff,
      DeploymentHealth health,
      EventBus events,
      Ticker ticker) {
    this.scheduler = scheduler;
    this.planner = planner;
    this.backoff = backoff;
    this.health = health;
    this.events = events;
    this.ticker = ticker;
  }

  /**
   * Runs attempts until one succeeds or no retry is left.
   *
   * @param deadlineNanos ticker time after which no new attempt starts
   * @return the first successful result, or a failed future holding the last {@link AttemptFailure}
   */
  public <T> Future<T> run(
      AttemptTracker exchange,
      RouteConfig route,
      long deadlineNanos,
      Attempt<T> attempt,
      BooleanSupplier mayRetry) {
    Promise<T> promise = Promise.promise();
    new Run<>(exchange, route, planner.plan(route), deadlineNanos, attempt, mayRetry, promise)
        .next();
    return promise.future();
  }

  private final class Run<T> {
    private final AttemptTracker exchange;
    private final RouteConfig route;
    private final List<DeploymentConfig> plan;
    private final long deadlineNanos;
    private final Attempt<T> attempt;
    private final BooleanSupplier mayRetry;
    private final Promise<T> promise;
    private int index;
    private int triesOnDeployment;

    Run(
        AttemptTracker exchange,
        RouteConfig route,
        List<DeploymentConfig> plan,
        long deadlineNanos,
        Attempt<T> attempt,
        BooleanSupplier mayRetry,
        Promise<T> promise) {
      this.exchange = exchange;
      this.route = route;
      this.plan = plan;
      this.deadlineNanos = deadlineNanos;
      this.attempt = attempt;
      this.mayRetry = mayRetry;
      this.promise = promise;
    }

    void next() {
      DeploymentConfig d = plan.get(index);
      triesOnDeployment++;
      exchange.attempt(d.provider(), d.model());
      Future<T> result;
      try {
        result = attempt.run(d);
      } catch (ApiException e) {
        result = Future.failedFuture(AttemptFailure.fatal(e.error()));
      } catch (RuntimeException e) {
        result =
            Future.failedFuture(
                AttemptFailure.fatal(
                    ApiError.internal("Gantry failed to prepare the upstream call.")));
      }
      result.onComplete(
          ar -> {
            if (ar.succeeded()) {
              health.success(d.provider(), d.model());
              promise.complete(ar.result());
            } else {
              failed(d, asFailure(ar.cause()));
            }
          });
    }

    private void failed(DeploymentConfig d, AttemptFailure failure) {
      if (failure.retryable()) {
        health.failure(d.provider(), d.model());
      }
      boolean sameAgain = triesOnDeployment < route.retry().maxAttempts();
      boolean another = sameAgain || index + 1 < plan.size();
      boolean willRetry =
          failure.retryable()
              && another
              && mayRetry.getAsBoolean()
              && ticker.nanos() - deadlineNanos < 0;
      events.publish(
          new UpstreamAttemptFailed(
              exchange.requestId(),
              route.name(),
              d.provider(),
              d.model(),
              exchange.attempts(),
              failure.upstreamStatus(),
              failure.error().message(),
              willRetry));
      if (!willRetry) {
        promise.fail(failure);
        return;
      }
      if (sameAgain) {
        long delayMs =
            backoff.delayMillis(route.retry(), triesOnDeployment, failure.retryAfterMillis());
        long remainingMs = (deadlineNanos - ticker.nanos()) / 1_000_000;
        if (delayMs >= remainingMs) {
          promise.fail(failure);
          return;
        }
        if (delayMs <= 0) {
          next();
        } else {
          exchange.addUpstreamNanos(delayMs * 1_000_000);
          scheduler.schedule(Duration.ofMillis(delayMs), this::next);
        }
      } else {
        index++;
        triesOnDeployment = 0;
        next();
      }
    }
  }

  private static AttemptFailure asFailure(Throwable t) {
    if (t instanceof AttemptFailure f) {
      return f;
    }
    if (t instanceof ApiException e) {
      return AttemptFailure.fatal(e.error());
    }
    return AttemptFailure.fatal(ApiError.internal("Gantry failed while calling the upstream."));
  }
}
