package dev.gantry.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.api.ChatRequestValidator;
import dev.gantry.core.config.ServerConfig;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.RequestCompleted;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.pipeline.Verdict;
import dev.gantry.core.time.Ticker;
import dev.gantry.gateway.pipeline.ActiveConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * {@code POST /v1/chat/completions}: builds the exchange, runs it through the active pipeline under
 * the request deadline and turns the final verdict into the response (JSON or the end of an SSE
 * stream). Publishes {@link RequestCompleted}. Shared; no per-request state.
 */
final class ChatHandler {
  private final Vertx vertx;
  private final ServerConfig server;
  private final Supplier<ActiveConfig> active;
  private final Ticker ticker;
  private final EventBus events;

  ChatHandler(
      Vertx vertx,
      ServerConfig server,
      Supplier<ActiveConfig> active,
      Ticker ticker,
      EventBus events) {
    this.vertx = vertx;
    this.server = server;
    this.active = active;
    this.ticker = ticker;
    this.events = events;
  }

  void handle(HttpServerRequest request, ObjectNode body, String requestId, long start) {
    ChatRequest chat = ChatRequestValidator.validate(body);
    ActiveConfig config = active.get();
    Exchange exchange = new Exchange(requestId, chat, start);
    HttpServerResponse response = request.response();
    RequestTimer timer = new RequestTimer();
    if (chat.stream()) {
      SseChunkSink sink =
          new SseChunkSink(
              response,
              () -> {
                response.setStatusCode(200);
                Responses.gatewayHeaders(response, exchange, ticker.nanos());
              },
              error -> {
                Responses.gatewayHeaders(response, exchange, ticker.nanos());
                Responses.error(response, error);
              });
      exchange.sink(sink);
      timer.start(
          vertx,
          server.requestTimeout().toMillis(),
          () ->
              sink.fail(
                  ApiError.timeout(
                      "The request did not complete within "
                          + server.requestTimeout().toMillis()
                          + " ms.",
                      "request_timeout")));
    } else {
      timer.start(
          vertx,
          server.requestTimeout().toMillis(),
          () -> {
            if (!response.ended()) {
              Responses.gatewayHeaders(response, exchange, ticker.nanos());
              Responses.error(
                  response,
                  ApiError.timeout(
                      "The request did not complete within "
                          + server.requestTimeout().toMillis()
                          + " ms.",
                      "request_timeout"));
            }
          });
    }
    Context context = vertx.getOrCreateContext();
    Executor onLoop =
        task -> {
          if (Vertx.currentContext() == context) {
            task.run();
          } else {
            context.runOnContext(v -> task.run());
          }
        };
    config
        .pipeline()
        .run(exchange, onLoop)
        .whenComplete(
            (verdict, error) -> {
              timer.cancel(vertx);
              int status = finishChat(response, exchange, verdict, error);
              events.publish(
                  new RequestCompleted(
                      requestId,
                      "chat",
                      chat.model(),
                      exchange.provider(),
                      exchange.deployment(),
                      status,
                      exchange.attempts(),
                      chat.stream(),
                      ticker.nanos() - start,
                      exchange.upstreamNanos()));
            });
  }

  private int finishChat(
      HttpServerResponse response, Exchange exchange, Verdict verdict, Throwable error) {
    if (response.ended() || response.closed()) {
      return response.getStatusCode();
    }
    if (error != null) {
      ApiError internal = ApiError.internal("Gantry failed to handle the request.");
      if (exchange.sink() != null) {
        exchange.sink().fail(internal);
      } else {
        Responses.error(response, internal);
      }
      return 500;
    }
    if (verdict instanceof Verdict.Reject reject) {
      Responses.gatewayHeaders(response, exchange, ticker.nanos());
      if (exchange.sink() != null) {
        exchange.sink().fail(reject.error());
      } else {
        Responses.error(response, reject.error());
      }
      return reject.error().status();
    }
    if (verdict instanceof Verdict.Respond respond) {
      Responses.gatewayHeaders(response, exchange, ticker.nanos());
      if (exchange.sink() != null) {
        Completions.toChunks(respond.completion(), exchange.request().includeUsage())
            .forEach(exchange.sink()::send);
        exchange.sink().end();
      } else {
        Responses.json(response, 200, respond.completion());
      }
      return 200;
    }
    if (exchange.sink() == null) {
      Responses.gatewayHeaders(response, exchange, ticker.nanos());
      Responses.json(response, 200, exchange.response());
    }
    return 200;
  }

  /** The end-to-end deadline of one request. */
  private static final class RequestTimer {
    private long id = -1;

    void start(Vertx vertx, long ms, Runnable onTimeout) {
      id = vertx.setTimer(ms, t -> onTimeout.run());
    }

    void cancel(Vertx vertx) {
      if (id >= 0) {
        vertx.cancelTimer(id);
      }
    }
  }
}
