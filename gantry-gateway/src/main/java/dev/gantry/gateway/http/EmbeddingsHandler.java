package dev.gantry.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.Json;
import dev.gantry.core.config.RouteConfig;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.RequestCompleted;
import dev.gantry.core.pipeline.RequestTrace;
import dev.gantry.core.time.Ticker;
import dev.gantry.gateway.pipeline.ActiveConfig;
import dev.gantry.gateway.providers.EmbeddingsTranslator;
import dev.gantry.gateway.providers.UpstreamClient;
import dev.gantry.gateway.routing.AttemptFailure;
import dev.gantry.gateway.routing.AttemptTracker;
import dev.gantry.gateway.tracing.GenAi;
import dev.gantry.gateway.tracing.Tracing;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;

/**
 * {@code POST /v1/embeddings}: routes by model, forwards with retries and fallbacks through the
 * same attempt loop as chat, and passes the upstream's answer back; traced like chat (a server span
 * {@code embeddings <model>}, a client span per attempt, {@code traceparent} upstream, {@code
 * x-gantry-trace-id} back). Shared; no per-request state.
 */
final class EmbeddingsHandler {
  private final Ticker ticker;
  private final EventBus events;
  private final Tracing tracing;

  /**
   * @param tracing makes the requests' spans; null when monitoring is off
   */
  EmbeddingsHandler(Ticker ticker, EventBus events, Tracing tracing) {
    this.ticker = ticker;
    this.events = events;
    this.tracing = tracing;
  }

  /**
   * @param trail the request's audit record, written (and committed before the answer is sent) once
   *     the upstream call has ended; null when the audit log is off
   */
  void handle(
      ActiveConfig active,
      HttpServerResponse response,
      String requestId,
      String model,
      ObjectNode body,
      long start,
      String customer,
      dev.gantry.gateway.security.AuditTrail trail,
      java.util.function.Function<String, String> headers,
      String tenant) {
    java.util.concurrent.Executor onLoop = dev.gantry.gateway.pipeline.OnContext.current();
    RouteConfig route = active.config().routes().get(model);
    if (route == null) {
      Responses.error(response, ApiError.modelNotFound(model));
      return;
    }
    if (trail != null) {
      trail.claim();
    }
    RequestTrace trace =
        tracing == null
            ? RequestTrace.NONE
            : tracing.start(
                headers,
                requestId,
                "embeddings",
                GenAi.EMBEDDINGS,
                model,
                tenant,
                name -> GenAi.providerName(active.config().providers().get(name), name));
    if (trail != null && trace.traceId() != null) {
      trail.traceId(trace.traceId());
    }
    Tracker tracker = new Tracker(requestId, start, trace);
    long deadline = start + active.config().server().requestTimeout().toNanos();
    active
        .loop()
        .run(
            tracker,
            route,
            deadline,
            new dev.gantry.gateway.routing.RouteGoal(
                active.config().server().region(),
                0,
                false,
                dev.gantry.core.config.RouteLatency.OnUnmet.BEST_EFFORT,
                dev.gantry.gateway.routing.DeploymentPrices.UNKNOWN),
            d -> {
              UpstreamClient client = active.clients().get(d.provider());
              if (client == null) {
                return Future.failedFuture(
                    AttemptFailure.fatal(
                        ApiError.invalid(
                            "The model '"
                                + model
                                + "' is served by an extractive provider, which has no"
                                + " embeddings.",
                            "model",
                            "embeddings_not_supported")));
              }
              long started = ticker.nanos();
              return client
                  .call(
                      EmbeddingsTranslator.request(body, client.provider(), d.model())
                          .withHeader("traceparent", trace.traceparent()),
                      (status, bytes) ->
                          EmbeddingsTranslator.error(client.provider(), status, bytes),
                      Math.max(1, (deadline - ticker.nanos()) / 1_000_000))
                  .transform(
                      ar -> {
                        tracker.addUpstreamNanos(ticker.nanos() - started);
                        if (ar.failed()) {
                          return Future.failedFuture(ar.cause());
                        }
                        JsonNode json = Json.tryParse(ar.result());
                        if (json == null || !json.isObject()) {
                          return Future.failedFuture(
                              new AttemptFailure(
                                  ApiError.upstream(
                                      502,
                                      "The upstream returned a body that is not an embeddings list.",
                                      "upstream_invalid_response"),
                                  true,
                                  -1,
                                  200));
                        }
                        return Future.succeededFuture(
                            EmbeddingsTranslator.response(
                                client.provider(), (ObjectNode) json, model, body));
                      });
            },
            () -> true)
        .onComplete(
            ar -> {
              int status;
              tracker.headers(response, ticker.nanos());
              if (trace.traceId() != null) {
                response.putHeader("x-gantry-trace-id", trace.traceId());
              }
              Runnable send;
              String errorType = null;
              if (ar.succeeded()) {
                status = 200;
                send = () -> Responses.json(response, 200, ar.result());
              } else {
                ApiError error =
                    ar.cause() instanceof AttemptFailure f
                        ? f.error()
                        : ApiError.internal("Gantry failed while calling the upstream.");
                status = error.status();
                errorType = error.code() != null ? error.code() : error.type();
                send = () -> Responses.error(response, error);
              }
              Tracing.finish(
                  trace,
                  status,
                  errorType,
                  tracker.provider,
                  tracker.model,
                  ar.succeeded() ? ar.result().path("usage").path("prompt_tokens").asLong(-1) : -1,
                  -1);
              if (response.closed()) {
                status = dev.gantry.gateway.security.AuditTrail.CLIENT_CLOSED;
              }
              if (trail == null) {
                send.run();
              } else {
                trail
                    .recordCall(
                        customer,
                        model,
                        tracker.provider == null ? null : tracker.provider + "/" + tracker.model,
                        status,
                        ar.succeeded()
                            ? ar.result().path("usage").path("prompt_tokens").asLong(0)
                            : 0,
                        (ticker.nanos() - start) / 1_000_000)
                    .whenCompleteAsync(
                        (seq, failure) -> {
                          if (failure != null) {
                            Responses.error(
                                response, dev.gantry.gateway.security.AuditFailures.error());
                          } else {
                            send.run();
                          }
                        },
                        onLoop);
              }
              events.publish(
                  new RequestCompleted(
                      requestId,
                      "embeddings",
                      model,
                      tracker.provider,
                      tracker.model,
                      status,
                      tracker.attempts,
                      false,
                      ticker.nanos() - start,
                      tracker.upstreamNanos));
            });
  }

  private static final class Tracker implements AttemptTracker {
    private final String requestId;
    private final long start;
    private String provider;
    private String model;
    private int attempts;
    private long upstreamNanos;

    private final RequestTrace trace;

    Tracker(String requestId, long start, RequestTrace trace) {
      this.trace = trace;
      this.requestId = requestId;
      this.start = start;
    }

    @Override
    public String requestId() {
      return requestId;
    }

    @Override
    public RequestTrace trace() {
      return trace;
    }

    @Override
    public void attempt(String provider, String model) {
      this.provider = provider;
      this.model = model;
      attempts++;
    }

    @Override
    public int attempts() {
      return attempts;
    }

    @Override
    public void addUpstreamNanos(long nanos) {
      upstreamNanos += nanos;
    }

    void headers(HttpServerResponse response, long now) {
      if (provider != null) {
        response.putHeader("x-gantry-provider", provider);
        response.putHeader("x-gantry-model", model);
      }
      response.putHeader("x-gantry-attempts", Integer.toString(attempts));
      response.putHeader(
          "x-gantry-overhead-ms", Responses.millis(Math.max(0, now - start - upstreamNanos)));
    }
  }
}
