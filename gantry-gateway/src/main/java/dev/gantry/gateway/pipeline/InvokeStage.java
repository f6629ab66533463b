package dev.gantry.gateway.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.api.Usage;
import dev.gantry.core.config.DeploymentConfig;
import dev.gantry.core.pipeline.ChunkSink;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.pipeline.Stage;
import dev.gantry.core.pipeline.Verdict;
import dev.gantry.core.time.Ticker;
import dev.gantry.gateway.providers.AttemptTranslators;
import dev.gantry.gateway.providers.ChatTranslator;
import dev.gantry.gateway.providers.FrameParser;
import dev.gantry.gateway.providers.NativeTranslator;
import dev.gantry.gateway.providers.StreamTranslator;
import dev.gantry.gateway.providers.UpstreamClient;
import dev.gantry.gateway.providers.UpstreamFailure;
import dev.gantry.gateway.providers.UpstreamRequest;
import dev.gantry.gateway.rag.ExtractiveProvider;
import dev.gantry.gateway.routing.AttemptFailure;
import dev.gantry.gateway.routing.AttemptLoop;
import dev.gantry.gateway.routing.AttemptTracker;
import dev.gantry.gateway.routing.DeploymentPrices;
import dev.gantry.gateway.routing.LatencyBudgets;
import dev.gantry.gateway.routing.RouteGoal;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Calls the upstream: the last request stage. Each attempt translates the exchange's request afresh
 * for the chosen deployment; the {@link AttemptLoop} retries and falls back. A complete answer goes
 * into {@link Exchange#response()}; a stream goes chunk by chunk into the exchange's sink, and once
 * its first byte has reached the client a failure ends the stream with an error event instead of a
 * retry.
 */
public final class InvokeStage implements Stage {
  /** The client went away mid-stream (recorded with nginx's 499 convention). */
  private static final ApiError CLIENT_GONE =
      new ApiError(
          499,
          "The client closed the connection.",
          ApiError.INVALID_REQUEST,
          null,
          "client_closed");

  /** The other attempt of a hedge race got its first byte sooner. */
  private static final ApiError HEDGE_LOST =
      new ApiError(
          499, "Cancelled: another attempt answered first.", ApiError.GATEWAY, null, "hedge_lost");

  private final Map<String, UpstreamClient> clients;
  private final Map<String, ExtractiveProvider> local;
  private final java.util.concurrent.Executor workers;
  private final AttemptLoop loop;
  private final Ticker ticker;
  private final long requestTimeoutNanos;
  private final Completed completed;
  private final java.util.function.Function<Exchange, RouteGoal> goals;

  /** Told about every complete (non-streamed) answer one upstream call returns, as it returns. */
  @FunctionalInterface
  public interface Completed {
    void completed(Exchange exchange, DeploymentConfig deployment, ObjectNode completion);
  }

  public InvokeStage(
      Map<String, UpstreamClient> clients,
      AttemptLoop loop,
      Ticker ticker,
      long requestTimeoutNanos) {
    this(clients, Map.of(), Runnable::run, loop, ticker, requestTimeoutNanos);
  }

  /**
   * @param local in-process providers by name (answered on {@code workers})
   */
  public InvokeStage(
      Map<String, UpstreamClient> clients,
      Map<String, ExtractiveProvider> local,
      java.util.concurrent.Executor workers,
      AttemptLoop loop,
      Ticker ticker,
      long requestTimeoutNanos) {
    this(clients, local, workers, loop, ticker, requestTimeoutNanos, (e, d, c) -> {});
  }

  /**
   * @param local in-process providers by name (answered on {@code workers})
   * @param completed told about each complete answer (the cost meter prices it)
   */
  public InvokeStage(
      Map<String, UpstreamClient> clients,
      Map<String, ExtractiveProvider> local,
      java.util.concurrent.Executor workers,
      AttemptLoop loop,
      Ticker ticker,
      long requestTimeoutNanos,
      Completed completed) {
    this(
        clients,
        local,
        workers,
        loop,
        ticker,
        requestTimeoutNanos,
        completed,
        e ->
            LatencyBudgets.goal(
                e.route(), e.latencyBudgetMs(), e.sink() != null, null, DeploymentPrices.UNKNOWN));
  }

  /**
   * @param goals what each request asks of the router (region, latency budget, prices)
   */
  public InvokeStage(
      Map<String, UpstreamClient> clients,
      Map<String, ExtractiveProvider> local,
      java.util.concurrent.Executor workers,
      AttemptLoop loop,
      Ticker ticker,
      long requestTimeoutNanos,
      Completed completed,
      java.util.function.Function<Exchange, RouteGoal> goals) {
    this.goals = goals;
    this.clients = Map.copyOf(clients);
    this.local = Map.copyOf(local);
    this.workers = workers;
    this.loop = loop;
    this.ticker = ticker;
    this.requestTimeoutNanos = requestTimeoutNanos;
    this.completed = completed;
  }

  @Override
  public String name() {
    return "invoke";
  }

  @Override
  public CompletionStage<Verdict> onRequest(Exchange exchange) {
    long deadline = exchange.startNanos() + requestTimeoutNanos;
    RouteGoal goal = goals.apply(exchange);
    // a budget that must be met is the deadline of new attempts (and of a whole answer)
    long attemptDeadline =
        LatencyBudgets.binding(goal)
            ? Math.min(deadline, exchange.startNanos() + goal.budgetNanos())
            : deadline;
    CompletableFuture<Verdict> verdict = new CompletableFuture<>();
    ChunkSink sink = exchange.sink();
    if (sink == null) {
      loop.runHedged(
              AttemptTracker.of(exchange),
              exchange.route(),
              attemptDeadline,
              goal,
              (d, cancel) -> complete(exchange, d, attemptDeadline, cancel),
              () -> true)
          .onComplete(
              ar -> {
                if (ar.succeeded()) {
                  exchange.response(ar.result());
                  exchange.usage(Usage.fromOpenAi(ar.result().get("usage")));
                  verdict.complete(Verdict.PASS);
                } else if (attemptDeadline != deadline
                    && ticker.nanos() - attemptDeadline >= 0
                    && failure(ar.cause()).error().status() == 504) {
                  verdict.complete(
                      new Verdict.Reject(
                          LatencyBudgets.exceeded(exchange.route(), goal), "latency budget"));
                } else {
                  verdict.complete(reject(ar.cause()));
                }
              });
    } else {
      loop.runStreamed(
              AttemptTracker.of(exchange),
              exchange.route(),
              attemptDeadline,
              goal,
              (d, cancel, firstByte) -> stream(exchange, d, deadline, cancel, firstByte),
              () -> !sink.started())
          .onComplete(
              ar -> {
                if (ar.succeeded()) {
                  sink.end();
                } else {
                  sink.fail(failure(ar.cause()).error());
                }
                verdict.complete(Verdict.PASS);
              });
    }
    return verdict;
  }

  /** Answers from an in-process provider on the worker pool, resuming on the request's loop. */
  private Future<ObjectNode> answerLocally(Exchange exchange, DeploymentConfig d) {
    ExtractiveProvider provider = local.get(d.provider());
    if (exchange.attempts() > 1) {
      exchange.degraded(true); // a fallback after the route's other deployments failed
    }
    Promise<ObjectNode> promise = Promise.promise();
    java.util.concurrent.Executor onLoop = OnContext.current();
    CompletableFuture.supplyAsync(() -> provider.answer(exchange, d.model()), workers)
        .whenCompleteAsync(
            (answer, error) -> {
              if (error != null) {
                promise.fail(
                    new AttemptFailure(
                        ApiError.internal("The extractive provider failed."), false, -1, 500));
              } else {
                promise.complete(answer);
              }
            },
            onLoop);
    return promise.future();
  }

  private Future<ObjectNode> complete(
      Exchange exchange, DeploymentConfig d, long deadline, Future<Void> cancel) {
    if (local.containsKey(d.provider())) {
      return answerLocally(exchange, d).onSuccess(c -> completed.completed(exchange, d, c));
    }
    UpstreamClient client = clients.get(d.provider());
    ChatTranslator translator = AttemptTranslators.of(exchange, client.provider());
    ChatRequest request = exchange.request();
    UpstreamRequest upstream =
        translator
            .request(request, client.provider(), d.model())
            .withHeader("traceparent", exchange.trace().traceparent());
    long started = ticker.nanos();
    return client
        .call(upstream, translator::error, budgetMs(deadline), cancel)
        .transform(
            ar -> {
              exchange.addUpstreamNanos(ticker.nanos() - started);
              if (ar.failed()) {
                return Future.failedFuture(ar.cause());
              }
              try {
                ObjectNode completion = translator.response(ar.result(), request);
                if (translator instanceof NativeTranslator) {
                  exchange.nativeResponse(
                      dev.gantry.core.api.Json.parseObject(ar.result()), completion);
                }
                completed.completed(exchange, d, completion);
                return Future.succeededFuture(completion);
              } catch (UpstreamFailure e) {
                return Future.failedFuture(new AttemptFailure(e.error(), true, -1, 200));
              }
            });
  }

  private Future<Void> stream(
      Exchange exchange,
      DeploymentConfig d,
      long deadline,
      Future<Void> cancel,
      java.util.function.BooleanSupplier firstByte) {
    if (local.containsKey(d.provider())) {
      return answerLocally(exchange, d)
          .map(
              answer -> {
                if (!firstByte.getAsBoolean()) {
                  throw AttemptFailure.fatal(HEDGE_LOST);
                }
                exchange.usage(Usage.fromOpenAi(answer.get("usage")));
                for (ObjectNode chunk :
                    dev.gantry.gateway.http.Completions.toChunks(
                        answer, exchange.request().includeUsage())) {
                  exchange.sink().send(chunk);
                }
                return null;
              });
    }
    UpstreamClient client = clients.get(d.provider());
    ChatTranslator translator = AttemptTranslators.of(exchange, client.provider());
    ChatRequest request = exchange.request();
    UpstreamRequest upstream =
        translator
            .request(request, client.provider(), d.model())
            .withHeader("traceparent", exchange.trace().traceparent());
    ChunkSink sink = exchange.sink();
    StreamTranslator chunks =
        translator instanceof NativeTranslator nt && sink.passthrough() != null
            ? nt.passthrough(request, sink.passthrough())
            : translator.stream(request);
    Promise<Void> done = Promise.promise();
    long started = ticker.nanos();
    FrameParser parser =
        translator.frames((event, data) -> chunks.onEvent(event, data, sink::send));
    UpstreamClient.StreamBody body =
        new UpstreamClient.StreamBody() {
          private boolean first = true;
          private Runnable pause = () -> {};
          private Runnable resume = () -> {};

          @Override
          public void flowControl(Runnable pauseUpstream, Runnable resumeUpstream) {
            pause = pauseUpstream;
            resume = resumeUpstream;
          }

          @Override
          public boolean onData(Buffer data) {
            if (done.future().isComplete() || sink.closed()) {
              done.tryFail(AttemptFailure.fatal(CLIENT_GONE));
              return false;
            }
            if (first) {
              first = false;
              if (!firstByte.getAsBoolean()) {
                done.tryFail(AttemptFailure.fatal(HEDGE_LOST));
                return false; // the other attempt of a hedge race got its first byte sooner
              }
              exchange.addUpstreamNanos(ticker.nanos() - started);
            }
            try {
              byte[] bytes = data.getBytes();
              parser.feed(bytes, 0, bytes.length);
            } catch (UpstreamFailure e) {
              done.tryFail(new AttemptFailure(e.error(), true, -1, 200));
            } catch (IllegalStateException e) {
              done.tryFail(
                  new AttemptFailure(
                      ApiError.upstream(502, e.getMessage(), "upstream_invalid_response"),
                      true,
                      -1,
                      200));
            }
            if (sink.writeQueueFull()) {
              pause.run();
              sink.onDrain(resume);
            }
            return !done.future().isComplete();
          }

          @Override
          public void onEnd() {
            if (done.future().isComplete()) {
              return;
            }
            try {
              parser.finish();
            } catch (UpstreamFailure e) {
              done.tryFail(new AttemptFailure(e.error(), true, -1, 200));
              return;
            }
            exchange.usage(chunks.usage());
            if (chunks.finished()) {
              done.tryComplete();
            } else {
              done.tryFail(
                  new AttemptFailure(
                      ApiError.upstream(
                          502,
                          "The stream from provider '"
                              + d.provider()
                              + "' ended before it was complete.",
                          "upstream_stream_incomplete"),
                      true,
                      -1,
                      200));
            }
          }

          @Override
          public void onError(AttemptFailure failure) {
            done.tryFail(failure);
          }
        };
    cancel.onComplete(v -> done.tryFail(AttemptFailure.fatal(HEDGE_LOST)));
    client.stream(upstream, translator::error, body, budgetMs(deadline), cancel)
        .onFailure(
            e -> {
              if (!cancel.isComplete()) { // a cancelled racer's wait is not the request's
                exchange.addUpstreamNanos(ticker.nanos() - started);
              }
              done.tryFail(e);
            });
    return done.future();
  }

  /** Milliseconds left until {@code deadline} (ticker nanoseconds), at least 1. */
  private long budgetMs(long deadline) {
    return Math.max(1, (deadline - ticker.nanos()) / 1_000_000);
  }

  private static Verdict reject(Throwable cause) {
    AttemptFailure f = failure(cause);
    return new Verdict.Reject(f.error(), "upstream failed");
  }

  private static AttemptFailure failure(Throwable cause) {
    if (cause instanceof AttemptFailure f) {
      return f;
    }
    return AttemptFailure.fatal(ApiError.internal("Gantry failed while calling the upstream."));
  }

  @Override
  public String toString() {
    return name() + clients.keySet();
  }
}
