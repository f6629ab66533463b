package dev.gantry.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.api.ChatRequestValidator;
import dev.gantry.core.config.ServerConfig;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.RequestCompleted;
import dev.gantry.core.pipeline.ChunkSink;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.pipeline.Verdict;
import dev.gantry.core.security.Principal;
import dev.gantry.core.time.Ticker;
import dev.gantry.gateway.pipeline.ActiveConfig;
import dev.gantry.gateway.pipeline.OnContext;
import dev.gantry.gateway.routing.LatencyBudgets;
import dev.gantry.gateway.security.Access;
import dev.gantry.gateway.security.AuditFailures;
import dev.gantry.gateway.security.AuditTrail;
import dev.gantry.gateway.security.AuditingSink;
import dev.gantry.gateway.security.KnowledgeAccess;
import dev.gantry.gateway.tracing.GenAi;
import dev.gantry.gateway.tracing.Tracing;
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
  private final java.time.Clock clock;
  private final Tracing tracing;
  private final dev.gantry.gateway.monitoring.Monitoring monitoring;

  ChatHandler(
      Vertx vertx,
      ServerConfig server,
      Supplier<ActiveConfig> active,
      Ticker ticker,
      java.time.Clock clock,
      EventBus events,
      dev.gantry.gateway.monitoring.Monitoring monitoring) {
    this.monitoring = monitoring;
    this.tracing = monitoring == null ? null : monitoring.tracing();
    this.vertx = vertx;
    this.server = server;
    this.active = active;
    this.ticker = ticker;
    this.clock = clock;
    this.events = events;
  }

  /**
   * @param trail the request's audit record, or null when the audit log is off; claimed here once
   *     the request passed validation and access checks, and written exactly once for every outcome
   *     from then on (answer, refusal, failure, timeout, client gone)
   */
  void handle(
      HttpServerRequest request,
      ObjectNode body,
      String requestId,
      long start,
      Principal principal,
      AuditTrail trail) {
    if (trail != null && body.path("model").isTextual()) {
      trail.route(body.get("model").asText());
    }
    handle(
        request,
        ChatRequestValidator.validate(body),
        body,
        requestId,
        start,
        principal,
        ChatApi.INSTANCE,
        trail);
  }

  /**
   * Runs a canonical chat request that arrived through {@code api} and answers in that API's shape.
   *
   * @param body the client's body as sent (read for the end customer)
   * @param trail the request's audit record, or null when the audit log is off; claimed here once
   *     the request passed access checks, and written exactly once for every outcome from then on
   */
  void handle(
      HttpServerRequest request,
      ChatRequest chat,
      ObjectNode body,
      String requestId,
      long start,
      Principal principal,
      InboundApi api,
      AuditTrail trail) {
    if (trail != null) {
      trail.route(chat.model());
    }
    HttpServerResponse response = request.response();
    ApiError denied = Access.check(principal, api.endpoint(), chat.model(), null);
    ActiveConfig config = active.get();
    if (denied == null) {
      denied =
          KnowledgeAccess.checkRoute(
              principal, config.config().routes().get(chat.model()), config.config());
    }
    long latencyBudgetMs = 0;
    if (denied == null) {
      try {
        latencyBudgetMs = LatencyBudgets.parse(request.getHeader(LatencyBudgets.HEADER));
      } catch (IllegalArgumentException e) {
        denied = LatencyBudgets.invalid(e.getMessage());
      }
    }
    if (denied != null) {
      api.error(response, denied);
      return;
    }
    Exchange exchange = new Exchange(requestId, chat, start, clock.instant());
    exchange.latencyBudgetMs(latencyBudgetMs);
    exchange.principal(principal);
    exchange.customer(customer(request, body));
    if (tracing != null) {
      exchange.trace(
          tracing.start(
              request::getHeader,
              requestId,
              api.name(),
              chat.model(),
              principal.tenant(),
              name -> GenAi.providerName(config.config().providers().get(name), name)));
    }
    exchange.priority(priority(request));
    config.costs().begin(exchange, request.getHeader(dev.gantry.gateway.cost.RequestTags.HEADER));
    exchange.cacheBypass(
        dev.gantry.gateway.cache.CacheHeaders.bypass(
            request.getHeader("cache-control"), request.getHeader("x-gantry-cache")));
    api.prepare(exchange);
    if (trail != null) {
      trail.claim();
    }
    Outcome outcome = new Outcome(trail);
    RequestTimer timer = new RequestTimer();
    Executor onLoop = OnContext.current();
    FirstChunkSink[] first = {null};
    if (chat.stream()) {
      ChunkSink shaped =
          api.stream(
              response,
              exchange,
              () -> {
                response.setStatusCode(200);
                Responses.gatewayHeaders(response, exchange, ticker.nanos());
              },
              error -> {
                Responses.gatewayHeaders(response, exchange, ticker.nanos());
                api.error(response, error);
              });
      first[0] = new FirstChunkSink(shaped, ticker);
      ChunkSink raw = first[0];
      ChunkSink sink =
          trail == null
              ? raw
              : new AuditingSink(
                  raw, exchange, trail, () -> (ticker.nanos() - start) / 1_000_000, onLoop);
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
            if (!outcome.decide()) {
              return;
            }
            ApiError timeout =
                ApiError.timeout(
                    "The request did not complete within "
                        + server.requestTimeout().toMillis()
                        + " ms.",
                    "request_timeout");
            if (response.closed()) {
              outcome.recordGone(exchange, (ticker.nanos() - start) / 1_000_000);
              return;
            }
            Responses.gatewayHeaders(response, exchange, ticker.nanos());
            write(
                response,
                exchange,
                timeout.status(),
                start,
                onLoop,
                outcome,
                api,
                () -> api.error(response, timeout));
          });
    }
    config
        .pipeline()
        .run(exchange, onLoop)
        .whenComplete(
            (verdict, error) -> {
              timer.cancel(vertx);
              int status =
                  finishChat(response, exchange, verdict, error, start, onLoop, outcome, api);
              exchange.finish(status);
              if (exchange.degraded()) {
                events.publish(new dev.gantry.core.events.DegradedAnswer(requestId, chat.model()));
              }
              String errorType = errorType(verdict, error, status);
              observeInput(exchange, status);
              dev.gantry.core.api.Usage usage = exchange.usage();
              long firstNanos = first[0] == null ? -1 : first[0].firstNanos();
              Tracing.finish(
                  exchange.trace(),
                  status,
                  errorType,
                  exchange.provider(),
                  exchange.deployment(),
                  usage == null ? -1 : usage.promptTokens(),
                  usage == null ? -1 : usage.completionTokens());
              events.publish(
                  new RequestCompleted(
                      requestId,
                      api.name(),
                      chat.model(),
                      exchange.provider(),
                      exchange.deployment(),
                      status,
                      exchange.attempts(),
                      chat.stream(),
                      ticker.nanos() - start,
                      exchange.upstreamNanos(),
                      principal.tenant(),
                      exchange.customer(),
                      errorType,
                      firstNanos < 0 ? -1 : firstNanos - start,
                      usage == null ? -1 : usage.promptTokens(),
                      usage == null ? -1 : usage.completionTokens(),
                      exchange.trace().traceId()));
            });
  }

  /** Offers a request's input to the drift watcher, when one watches its route. */
  private void observeInput(Exchange exchange, int status) {
    dev.gantry.gateway.drift.DriftWatcher drift = monitoring == null ? null : monitoring.drift();
    if (drift == null || exchange.route() == null || status >= 500) {
      return;
    }
    dev.gantry.core.api.ChatMessage last = exchange.request().lastUserMessage();
    drift.observe(
        exchange.route().name(),
        last == null ? null : last.text(),
        exchange.route().rag() != null,
        exchange.sources().isEmpty(),
        exchange.findings().stream().anyMatch(f -> f.phase().equals("input")));
  }

  /** The error code of a finished request, or null when it succeeded. */
  private static String errorType(Verdict verdict, Throwable error, int status) {
    if (status < 400) {
      return null;
    }
    if (error != null) {
      return "internal_error";
    }
    if (verdict instanceof Verdict.Reject reject) {
      ApiError e = reject.error();
      return e.code() != null ? e.code() : e.type();
    }
    return status == AuditTrail.CLIENT_CLOSED ? "client_closed" : Integer.toString(status);
  }

  /**
   * The priority the client asks for in {@code x-gantry-priority} (0..100; the admit stage caps it
   * at the tenant's), or the highest when absent or not a number.
   */
  static int priority(HttpServerRequest request) {
    String header = request.getHeader("x-gantry-priority");
    if (header != null) {
      try {
        return Math.max(0, Math.min(100, Integer.parseInt(header.strip())));
      } catch (NumberFormatException e) {
        return Integer.MAX_VALUE;
      }
    }
    return Integer.MAX_VALUE;
  }

  /** {@code x-gantry-customer}, or null. */
  static String customerHeader(HttpServerRequest request) {
    String header = request.getHeader("x-gantry-customer");
    return header == null || header.isBlank() ? null : header.strip();
  }

  /** {@code x-gantry-customer}, else the request's {@code user} field, else null. */
  static String customer(HttpServerRequest request, ObjectNode body) {
    String header = request.getHeader("x-gantry-customer");
    if (header != null && !header.isBlank()) {
      return header.strip();
    }
    return body.path("user").isTextual() && !body.get("user").asText().isBlank()
        ? body.get("user").asText()
        : null;
  }

  /**
   * Writes a complete (non-streamed) answer once its audit record is committed; a stream's last
   * event is held back by its {@link AuditingSink} the same way.
   */
  private void write(
      HttpServerResponse response,
      Exchange exchange,
      int status,
      long start,
      Executor onLoop,
      Outcome outcome,
      InboundApi api,
      Runnable send) {
    if (outcome.trail == null || exchange.sink() != null) {
      send.run();
      return;
    }
    outcome
        .trail
        .record(exchange, status, (ticker.nanos() - start) / 1_000_000)
        .whenCompleteAsync(
            (seq, failure) -> {
              if (failure != null) {
                api.error(response, AuditFailures.error());
              } else {
                send.run();
              }
            },
            onLoop);
  }

  private int finishChat(
      HttpServerResponse response,
      Exchange exchange,
      Verdict verdict,
      Throwable error,
      long start,
      Executor onLoop,
      Outcome outcome,
      InboundApi api) {
    if (!outcome.decide() || response.ended()) {
      return response.getStatusCode();
    }
    if (response.closed()) {
      if (exchange.sink() != null) {
        exchange.sink().fail(clientGone());
      } else {
        outcome.recordGone(exchange, (ticker.nanos() - start) / 1_000_000);
      }
      return AuditTrail.CLIENT_CLOSED;
    }
    if (error != null) {
      ApiError internal = ApiError.internal("Gantry failed to handle the request.");
      if (exchange.sink() != null) {
        exchange.sink().fail(internal);
      } else {
        write(
            response,
            exchange,
            500,
            start,
            onLoop,
            outcome,
            api,
            () -> api.error(response, internal));
      }
      return 500;
    }
    if (verdict instanceof Verdict.Reject reject) {
      Responses.gatewayHeaders(response, exchange, ticker.nanos());
      if (exchange.sink() != null) {
        exchange.sink().fail(reject.error());
      } else {
        write(
            response,
            exchange,
            reject.error().status(),
            start,
            onLoop,
            outcome,
            api,
            () -> api.error(response, reject.error()));
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
        exchange.response(respond.completion());
        write(
            response,
            exchange,
            200,
            start,
            onLoop,
            outcome,
            api,
            () -> api.answer(response, exchange, respond.completion()));
      }
      return 200;
    }
    if (exchange.sink() == null) {
      Responses.gatewayHeaders(response, exchange, ticker.nanos());
      write(
          response,
          exchange,
          200,
          start,
          onLoop,
          outcome,
          api,
          () -> api.answer(response, exchange, exchange.response()));
    }
    return 200;
  }

  private static ApiError clientGone() {
    return new ApiError(
        AuditTrail.CLIENT_CLOSED,
        "The client closed the connection before the answer.",
        ApiError.INVALID_REQUEST,
        null,
        "client_closed");
  }

  /**
   * Which of the request deadline and the pipeline decides a request's answer: the first to come;
   * the other then does nothing. Thread-safe; one per request.
   */
  private static final class Outcome {
    final AuditTrail trail;
    private final java.util.concurrent.atomic.AtomicBoolean decided =
        new java.util.concurrent.atomic.AtomicBoolean();

    Outcome(AuditTrail trail) {
      this.trail = trail;
    }

    /** True for the first caller only. */
    boolean decide() {
      return decided.compareAndSet(false, true);
    }

    /** Records a request whose client went away before its answer. */
    void recordGone(Exchange exchange, long latencyMillis) {
      if (trail != null) {
        trail.record(exchange, AuditTrail.CLIENT_CLOSED, latencyMillis);
      }
    }
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
