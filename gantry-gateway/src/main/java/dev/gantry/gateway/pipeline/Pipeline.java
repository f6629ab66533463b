package dev.gantry.gateway.pipeline;

import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.pipeline.RequestTrace;
import dev.gantry.core.pipeline.Stage;
import dev.gantry.core.pipeline.Verdict;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * The ordered, immutable stage list of one configuration, and the walk over it: {@code onRequest}
 * in order until a stage rejects or responds, then {@code onResponse} in reverse order for a
 * complete (non-streamed) answer. A {@link Verdict.Rewrite} replaces the exchange's request and the
 * walk goes on. Shared and thread-safe; stages that complete synchronously cost no scheduling.
 */
public final class Pipeline {
  private final List<Stage> stages;

  public Pipeline(List<Stage> stages) {
    this.stages = List.copyOf(stages);
  }

  public List<Stage> stages() {
    return stages;
  }

  /**
   * Runs the request through every stage.
   *
   * @return the verdict that ended the walk: {@link Verdict#PASS} when the last stage produced a
   *     response, or the first {@link Verdict.Reject} / {@link Verdict.Respond}
   */
  public CompletionStage<Verdict> run(Exchange exchange) {
    return run(exchange, Runnable::run);
  }

  /**
   * Runs the request through every stage; a stage that completes later (on another thread) has the
   * walk resumed through {@code resume}, which the gateway points at the request's event loop.
   */
  public CompletionStage<Verdict> run(Exchange exchange, Executor resume) {
    CompletableFuture<Verdict> done = new CompletableFuture<>();
    walk(exchange, 0, true, done, resume);
    return done;
  }

  /**
   * Visits stages from {@code from}: forward calling {@code onRequest}, backward calling {@code
   * onResponse}. Stages that answer synchronously are handled in the loop; an asynchronous one
   * resumes the walk when it completes.
   */
  private void walk(
      Exchange exchange,
      int from,
      boolean forward,
      CompletableFuture<Verdict> done,
      Executor resume) {
    for (int i = from; forward ? i < stages.size() : i >= 0; i += forward ? 1 : -1) {
      Stage stage = stages.get(i);
      CompletableFuture<Verdict> step;
      RequestTrace.Span span = exchange.trace().stage(stage.name(), !forward);
      try {
        step =
            (forward ? stage.onRequest(exchange) : stage.onResponse(exchange))
                .toCompletableFuture();
      } catch (RuntimeException e) {
        span.end("exception");
        done.completeExceptionally(e);
        return;
      }
      if (!step.isDone() || step.isCompletedExceptionally()) {
        int next = forward ? i + 1 : i - 1;
        step.whenCompleteAsync(
            (verdict, error) -> {
              span.end(error != null ? "exception" : outcome(verdict));
              if (error != null) {
                done.completeExceptionally(error);
              } else if (apply(exchange, stage, verdict, done)) {
                walk(exchange, next, forward, done, resume);
              }
            },
            resume);
        return;
      }
      Verdict verdict = step.getNow(Verdict.PASS);
      span.end(outcome(verdict));
      if (!apply(exchange, stage, verdict, done)) {
        return;
      }
    }
    if (forward && exchange.sink() == null) {
      walk(exchange, stages.size() - 1, false, done, resume);
    } else {
      done.complete(Verdict.PASS);
    }
  }

  /** The error a verdict puts on its stage's span: the refusal's code, else null. */
  private static String outcome(Verdict verdict) {
    return verdict instanceof Verdict.Reject reject ? reject.error().code() : null;
  }

  /** Applies one verdict; returns true when the walk goes on. */
  private static boolean apply(
      Exchange exchange, Stage stage, Verdict verdict, CompletableFuture<Verdict> done) {
    if (verdict instanceof Verdict.Pass) {
      return true;
    }
    exchange.record(stage.name(), verdict);
    if (verdict instanceof Verdict.Rewrite rewrite) {
      exchange.request(rewrite.request());
      return true;
    }
    done.complete(verdict);
    return false;
  }

  /** The stage names joined by arrows, as printed at start-up and shown on the dashboard. */
  @Override
  public String toString() {
    return stages.stream().map(Stage::name).collect(Collectors.joining(" → "));
  }
}
