package dev.gantry.gateway.routing;

import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ApiException;
import dev.gantry.core.config.DeploymentConfig;
import dev.gantry.core.config.RouteConfig;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.UpstreamAttemptCompleted;
import dev.gantry.core.events.UpstreamAttemptFailed;
import dev.gantry.core.pipeline.RequestTrace;
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

  /** The deployments' breakers, caps and load. */
  public DeploymentHealth health() {
    return health;
  }

  /**
   * One attempt that can be cancelled: when {@code cancel} completes, the attempt stops (its
   * upstream request is reset) and its future fails.
   */
  @FunctionalInterface
  public interface CancellableAttempt<T> {
    Future<T> run(DeploymentConfig deployment, Future<Void> cancel);
  }

  private volatile Hedging hedging;

  /** Hedges first attempts of non-streamed requests (see {@link Hedging}); null for none. */
  public void hedging(Hedging h) {
    this.hedging = h;
  }

  public Hedging hedging() {
    return hedging;
  }

  /**
   * Like {@link #run}, and when hedging is on, a first attempt that has not answered by its
   * deployment's 95th-percentile latency gets a second one on another deployment; the first to
   * answer wins and the other is cancelled.
   */
  public <T> Future<T> runHedged(
      AttemptTracker exchange,
      RouteConfig route,
      long deadlineNanos,
      CancellableAttempt<T> attempt,
      BooleanSupplier mayRetry) {
    return runHedged(exchange, route, deadlineNanos, RouteGoal.NONE, attempt, mayRetry);
  }

  /**
   * Like {@link #runHedged(AttemptTracker, RouteConfig, long, CancellableAttempt,
   * BooleanSupplier)}, planned for {@code goal} (region, latency budget).
   */
  public <T> Future<T> runHedged(
      AttemptTracker exchange,
      RouteConfig route,
      long deadlineNanos,
      RouteGoal goal,
      CancellableAttempt<T> attempt,
      BooleanSupplier mayRetry) {
    Run<T> run = new Run<>(exchange, route, goal, deadlineNanos, d -> null, mayRetry);
    run.cancellable = attempt;
    return run.start(hedging);
  }

  /**
   * One streamed attempt that can be cancelled and races to its first byte: it calls {@code
   * firstByte} when its first byte arrives, before it forwards anything, and stops (its upstream
   * request reset) when that answers false — the other attempt of a hedge race got there first.
   */
  @FunctionalInterface
  public interface StreamAttempt<T> {
    Future<T> run(DeploymentConfig deployment, Future<Void> cancel, BooleanSupplier firstByte);
  }

  /**
   * Runs a streamed request's attempts like {@link #run}; when hedging is on, a first attempt with
   * no first byte by its deployment's 95th-percentile time to first byte gets a second one on
   * another deployment. The first to receive a byte wins and the other is cancelled.
   */
  public <T> Future<T> runStreamed(
      AttemptTracker exchange,
      RouteConfig route,
      long deadlineNanos,
      RouteGoal goal,
      StreamAttempt<T> attempt,
      BooleanSupplier mayRetry) {
    Run<T> run = new Run<>(exchange, route, goal, deadlineNanos, d -> null, mayRetry);
    run.streamed = attempt;
    Future<T> result = run.start(hedging);
    if (LatencyBudgets.binding(goal) && !result.isComplete()) {
      scheduler.schedule(
          Duration.ofNanos(Math.max(0, deadlineNanos - ticker.nanos())), run::budgetOver);
    }
    return result;
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
    return run(exchange, route, deadlineNanos, RouteGoal.NONE, attempt, mayRetry);
  }

  /** Like {@link #run(AttemptTracker, RouteConfig, long, Attempt, BooleanSupplier)}, for a goal. */
  public <T> Future<T> run(
      AttemptTracker exchange,
      RouteConfig route,
      long deadlineNanos,
      RouteGoal goal,
      Attempt<T> attempt,
      BooleanSupplier mayRetry) {
    return new Run<>(exchange, route, goal, deadlineNanos, attempt, mayRetry).start(null);
  }

  private final class Run<T> {
    private final AttemptTracker exchange;
    private final RouteConfig route;
    private final RouteGoal goal;
    private final List<DeploymentConfig> plan;
    private final long deadlineNanos;
    private final Attempt<T> attempt;
    private final BooleanSupplier mayRetry;
    private final Promise<T> promise;
    private int index;

    /** Attempts started on each deployment of the plan (a skipped one counts as used up). */
    private final int[] tries;

    private AttemptFailure lastFailure;
    private CancellableAttempt<T> cancellable;
    private StreamAttempt<T> streamed;
    private Hedging hedge;
    private int pending;
    private final List<Promise<Void>> cancels = new java.util.ArrayList<>(2);
    private Promise<Void> firstToByte;
    private boolean overBudget;

    Run(
        AttemptTracker exchange,
        RouteConfig route,
        RouteGoal goal,
        long deadlineNanos,
        Attempt<T> attempt,
        BooleanSupplier mayRetry) {
      this.exchange = exchange;
      this.route = route;
      this.goal = goal;
      this.plan = planner.plan(route, goal);
      this.tries = new int[plan.size()];
      this.deadlineNanos = deadlineNanos;
      this.attempt = attempt;
      this.mayRetry = mayRetry;
      this.promise = Promise.promise();
    }

    /** Starts the first attempt (hedged when {@code hedging} is not null). */
    Future<T> start(Hedging hedging) {
      if (plan.isEmpty()) {
        promise.fail(AttemptFailure.fatal(LatencyBudgets.unmet(route, goal, health)));
        return promise.future();
      }
      hedge = hedging;
      if (hedge != null) {
        hedge.earn(route.name());
      }
      next();
      return promise.future();
    }

    void next() {
      DeploymentConfig d = plan.get(index);
      DeploymentHealth.Start start = health.begin(d.provider(), d.model());
      if (start.refusal() == DeploymentHealth.Refusal.CIRCUIT_OPEN && nextWithTriesLeft() < 0) {
        start = health.lastResort(d.provider(), d.model());
      }
      if (start.call() == null) {
        skip(start.refusal());
        return;
      }
      DeploymentHealth.Call call = start.call();
      tries[index]++;
      launch(d, call, true);
    }

    /** Starts one attempt; the primary one may be hedged. */
    private void launch(DeploymentConfig d, DeploymentHealth.Call call, boolean primary) {
      exchange.attempt(d.provider(), d.model());
      int n = exchange.attempts();
      long started = ticker.nanos();
      RequestTrace.Span span = exchange.trace().attempt(d.provider(), d.model(), n);
      Promise<Void> cancel = Promise.promise();
      cancels.add(cancel);
      pending++;
      Future<T> result;
      try {
        if (streamed != null) {
          result = streamed.run(d, cancel.future(), () -> firstByte(d, call, cancel, primary));
        } else if (cancellable != null) {
          result = cancellable.run(d, cancel.future());
        } else {
          result = attempt.run(d);
        }
      } catch (ApiException e) {
        result = Future.failedFuture(AttemptFailure.fatal(e.error()));
      } catch (RuntimeException e) {
        result =
            Future.failedFuture(
                AttemptFailure.fatal(
                    ApiError.internal("Gantry failed to prepare the upstream call.")));
      }
      if (primary && hedge != null && exchange.attempts() == 1 && index + 1 < plan.size()) {
        DeploymentHealth.Deployment state = health.of(d.provider(), d.model());
        long delay = streamed != null ? hedge.streamDelayNanos(state) : hedge.delayNanos(state);
        if (delay > 0) {
          int armed = exchange.attempts();
          scheduler.schedule(
              Duration.ofNanos(delay),
              () -> {
                if (exchange.attempts() == armed) {
                  hedgeNow(d);
                }
              });
        }
      }
      result.onComplete(
          ar -> {
            AttemptFailure failure = ar.succeeded() ? null : asFailure(ar.cause());
            String error = failure == null ? null : errorType(failure);
            span.end(error);
            events.publish(
                new UpstreamAttemptCompleted(
                    exchange.requestId(),
                    route.name(),
                    d.provider(),
                    d.model(),
                    n,
                    failure == null ? 200 : failure.upstreamStatus(),
                    error,
                    ticker.nanos() - started));
            pending--;
            cancels.remove(cancel);
            if (firstToByte == cancel) {
              firstToByte = null; // a retry may race again
            }
            if (promise.future().isComplete() || cancel.future().isComplete()) {
              call.cancelled(); // the other attempt won
              if (hedge != null && !overBudget) {
                hedge.lost(goal.prices().inputMicros(d));
              }
              if (pending == 0 && !promise.future().isComplete()) {
                if (overBudget) {
                  promise.fail(AttemptFailure.fatal(LatencyBudgets.exceeded(route, goal)));
                } else {
                  failed(d, lastFailure != null ? lastFailure : asFailure(ar.cause()));
                }
              }
              return;
            }
            if (ar.succeeded()) {
              call.success();
              if (!primary && streamed == null) {
                hedge.won();
              }
              if (streamed == null) {
                exchange.servedBy(d.provider(), d.model()); // maybe not the last one started
              }
              promise.complete(ar.result());
              for (Promise<Void> other : List.copyOf(cancels)) {
                other.tryComplete();
              }
            } else {
              if (failure.retryable()) {
                call.failure(overload(failure), failure);
              } else {
                call.success();
              }
              lastFailure = failure;
              if (pending > 0) {
                return; // the hedge (or the primary) may still answer
              }
              failed(d, failure);
            }
          });
    }

    /**
     * A streamed attempt's first byte arrived: the first one of a race wins it (the other is
     * cancelled), a later one has lost and must stop.
     */
    private boolean firstByte(
        DeploymentConfig d, DeploymentHealth.Call call, Promise<Void> cancel, boolean primary) {
      if (firstToByte != null) {
        return firstToByte == cancel;
      }
      if (cancel.future().isComplete() || promise.future().isComplete()) {
        return false;
      }
      call.firstByte();
      firstToByte = cancel;
      exchange.servedBy(d.provider(), d.model());
      if (!primary) {
        hedge.won();
      }
      for (Promise<Void> other : List.copyOf(cancels)) {
        if (other != cancel) {
          other.tryComplete();
        }
      }
      return true;
    }

    /**
     * A stream's budget is its deadline and no attempt got its first byte by then: every attempt is
     * cancelled and the request fails with 504 naming the budget.
     */
    void budgetOver() {
      if (promise.future().isComplete() || firstToByte != null || pending == 0) {
        return;
      }
      overBudget = true;
      for (Promise<Void> c : List.copyOf(cancels)) {
        c.tryComplete();
      }
    }

    /** The primary has not answered in time: a second attempt on the next deployment. */
    private void hedgeNow(DeploymentConfig primary) {
      if (promise.future().isComplete()
          || pending != 1
          || index + 1 >= plan.size()
          || firstToByte != null) {
        return;
      }
      if (!hedge.take(route.name())) {
        return;
      }
      DeploymentConfig other = plan.get(index + 1);
      DeploymentHealth.Start start = health.begin(other.provider(), other.model());
      if (start.call() == null) {
        hedge.refund(route.name());
        return;
      }
      index++;
      tries[index]++;
      launch(other, start.call(), false);
    }

    /**
     * The deployment may not be called now (its circuit is open or its cap is full): the next one
     * is tried; when none is left the request fails with the last upstream failure, or 503.
     */
    private void skip(DeploymentHealth.Refusal refusal) {
      tries[index] = Integer.MAX_VALUE;
      int other = nextWithTriesLeft();
      if (other >= 0 && ticker.nanos() - deadlineNanos < 0) {
        index = other;
        next();
        return;
      }
      if (lastFailure != null) {
        promise.fail(lastFailure);
      } else if (refusal == DeploymentHealth.Refusal.AT_CAPACITY) {
        promise.fail(
            AttemptFailure.fatal(
                new ApiError(
                    503,
                    "Every deployment of route '"
                        + route.name()
                        + "' is at its concurrency limit; try again shortly.",
                    "capacity_exceeded",
                    null,
                    "upstream_concurrency")));
      } else {
        promise.fail(
            AttemptFailure.fatal(
                ApiError.upstream(
                    503,
                    "Every deployment of route '"
                        + route.name()
                        + "' is failing and its circuit is open; try again shortly.",
                    "circuit_open")));
      }
    }

    private void failed(DeploymentConfig d, AttemptFailure failure) {
      boolean sameAgain = tries[index] < route.retry().maxAttempts();
      int other = sameAgain ? -1 : nextWithTriesLeft();
      boolean another = sameAgain || other >= 0;
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
        long delayMs = backoff.delayMillis(route.retry(), tries[index], failure.retryAfterMillis());
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
        index = other;
        next();
      }
    }

    /**
     * The next deployment of the plan, after the current one and then from the start, that has
     * attempts left: one a hedge left after its first attempt keeps its retries. -1 for none.
     */
    private int nextWithTriesLeft() {
      for (int k = 1; k < plan.size(); k++) {
        int j = (index + k) % plan.size();
        if (tries[j] < route.retry().maxAttempts()) {
          return j;
        }
      }
      return -1;
    }
  }

  /** The {@code error.type} of a failed attempt: its error code, else its status, else its type. */
  static String errorType(AttemptFailure failure) {
    ApiError e = failure.error();
    if (e.code() != null) {
      return e.code();
    }
    return failure.upstreamStatus() > 0 ? Integer.toString(failure.upstreamStatus()) : e.type();
  }

  /** An answer that says the deployment is overloaded: 429, 503, 529, or no answer in time. */
  private static boolean overload(AttemptFailure f) {
    int s = f.upstreamStatus();
    return s == 429 || s == 503 || s == 529 || s == 0 || s == 504;
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
