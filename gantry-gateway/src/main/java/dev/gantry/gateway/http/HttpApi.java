package dev.gantry.gateway.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.EmbeddingsRequestValidator;
import dev.gantry.core.api.Json;
import dev.gantry.core.config.ServerConfig;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.security.Principal;
import dev.gantry.core.time.Ticker;
import dev.gantry.gateway.monitoring.Monitoring;
import dev.gantry.gateway.pipeline.ActiveConfig;
import dev.gantry.gateway.security.Access;
import dev.gantry.gateway.security.ApiKeys;
import dev.gantry.gateway.security.AuditRecorder;
import dev.gantry.gateway.security.AuditTrail;
import dev.gantry.gateway.security.Authenticator;
import dev.gantry.gateway.security.Endpoint;
import dev.gantry.gateway.security.SecurityRuntime;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.function.Supplier;

/**
 * The request handler of the gateway: dispatches the OpenAI endpoints and the health probes, reads
 * bodies within their size and time limits, runs chat requests through the active pipeline and
 * turns every outcome into a response. Shared by the server's event loops; holds no per-request
 * state.
 */
public final class HttpApi implements Handler<HttpServerRequest> {
  static final String CHAT = "/v1/chat/completions";
  static final String EMBEDDINGS = "/v1/embeddings";
  static final String MODELS = "/v1/models";
  static final String RETRIEVE = "/v1/retrieve";
  static final String METRICS = "/metrics";

  private final Vertx vertx;
  private final ServerConfig server;
  private final Supplier<ActiveConfig> active;
  private final Ticker ticker;
  private final EventBus events;
  private final EmbeddingsHandler embeddings;
  private final ChatHandler chat;
  private final ResponsesHandler responses;
  private final MessagesHandler messages;
  private final CompletionsHandler completions;
  private volatile boolean ready = true;
  private final java.util.concurrent.atomic.AtomicInteger inflight =
      new java.util.concurrent.atomic.AtomicInteger();

  private final SecurityRuntime security;
  private final AuditRecorder recorder;
  private final AdminApi admin;
  private final boolean adminOnly;
  private final boolean adminHere;
  private final Monitoring monitoring;
  private final Handler<HttpServerRequest> dashboard;

  public HttpApi(
      Vertx vertx,
      ServerConfig server,
      Supplier<ActiveConfig> active,
      Ticker ticker,
      EventBus events) {
    this(vertx, server, active, ticker, events, null, false, null);
  }

  /**
   * @param security keys, audit and store; null runs without authentication or audit
   * @param adminOnly this listener serves only the admin API (the separate admin listener)
   */
  public HttpApi(
      Vertx vertx,
      ServerConfig server,
      Supplier<ActiveConfig> active,
      Ticker ticker,
      EventBus events,
      SecurityRuntime security,
      boolean adminOnly,
      Monitoring monitoring) {
    this.vertx = vertx;
    this.server = server;
    this.active = active;
    this.ticker = ticker;
    this.events = events;
    this.security = security;
    this.adminOnly = adminOnly;
    this.adminHere =
        security != null
            && security.store() != null
            && (adminOnly || security.config().admin().onPublicListener());
    AuditRecorder recorder =
        security == null || security.audit() == null
            ? null
            : new AuditRecorder(
                security.audit(),
                security.config().audit().payloads(),
                security.config().audit().redactPii()
                    ? dev.gantry.gateway.pipeline.Services.shared().pii()
                    : null,
                security.clock(),
                (exchange, status) -> active.get().costs().entry(exchange, status));
    this.embeddings =
        new EmbeddingsHandler(ticker, events, monitoring == null ? null : monitoring.tracing());
    this.recorder = recorder;
    this.monitoring = monitoring;
    this.chat =
        new ChatHandler(vertx, server, active, ticker, security.clock(), events, monitoring);
    this.responses =
        new ResponsesHandler(
            chat,
            security != null && security.store() != null
                ? security.store().responses()
                : new MemoryResponseStore(ResponsesHandler.MEMORY_ENTRIES, security.clock()),
            dev.gantry.gateway.pipeline.Services.shared().workers(),
            security.clock(),
            security.config().storage().responsesRetention());
    this.messages = new MessagesHandler(chat, active);
    this.completions = new CompletionsHandler(chat, active);
    this.admin = adminHere ? new AdminApi(security, active, monitoring) : null;
    this.dashboard = adminHere && monitoring != null ? monitoring.ui() : null;
  }

  /**
   * Purges stored Responses API responses once their retention ({@code
   * storage.responses_retention}) has ended, regularly on {@code scheduler}'s time line.
   */
  public void purgeExpiredResponses(dev.gantry.core.time.Scheduler scheduler) {
    responses.purgeRegularly(scheduler);
  }

  /** Requests received whose response has not ended yet. */
  public int inflight() {
    return inflight.get();
  }

  /** Makes {@code /readyz} answer 503 (used while shutting down). */
  public void notReady() {
    ready = false;
  }

  @Override
  public void handle(HttpServerRequest request) {
    handle(request, null);
  }

  /**
   * Handles one request; {@code finished} (or null) runs once when its response has ended or its
   * connection closed. Nothing a handler throws leaves the request unanswered ({@link
   * RequestGuard}).
   */
  public void handle(HttpServerRequest request, Runnable finished) {
    long start = ticker.nanos();
    String requestId = RequestIds.honourOrGenerate(request.getHeader("x-request-id"));
    HttpServerResponse response = request.response();
    inflight.incrementAndGet();
    RequestGuard guard =
        new RequestGuard(
            vertx,
            request,
            requestId,
            watchdogMillis(),
            ticker,
            start,
            () -> {
              inflight.decrementAndGet();
              if (finished != null) {
                finished.run();
              }
            });
    response.putHeader("x-request-id", requestId);
    try {
      authenticate(request, requestId, start, guard);
    } catch (RuntimeException e) {
      guard.failed(e);
    }
  }

  /** Requests the HTTP decoder could not read get a JSON error (then the connection closes). */
  public Handler<HttpServerRequest> invalidRequests() {
    return InvalidRequests.INSTANCE;
  }

  /**
   * Longer than any request may legitimately take: the body deadline plus the request deadline plus
   * time to write its audit record.
   */
  private long watchdogMillis() {
    return server.bodyTimeout().toMillis() + server.requestTimeout().toMillis() + 10_000;
  }

  private void authenticate(
      HttpServerRequest request, String requestId, long start, RequestGuard guard) {
    HttpServerResponse response = request.response();
    ApiError badUri = Uris.check(request);
    if (badUri != null) {
      JsonBody.refuse(request, server.maxBodyBytes(), errorsFor(request.path()), badUri);
      return;
    }
    String path = request.path();
    if (path.equals("/healthz") || path.equals("/readyz")) {
      dispatch(request, Principal.ANONYMOUS, requestId, start, null);
      return;
    }
    if (monitoring != null && path.equals(METRICS) && adminOnly) {
      MonitoringEndpoints.metrics(response, monitoring);
      return;
    }
    if (dashboard != null && (path.equals("/ui") || path.startsWith("/ui/"))) {
      dashboard.handle(request);
      return;
    }
    if (monitoring != null) {
      guard.edge(
          monitoring.tracing().edge(request::getHeader, requestId, request.method().name(), path));
    }
    String traceId = guard.traceId();
    if (traceId != null) {
      response.putHeader("x-gantry-trace-id", traceId);
    }
    boolean adminPath = path.equals("/admin") || path.startsWith("/admin/");
    if (adminPath ? !adminHere : adminOnly) {
      Responses.error(
          response,
          ApiError.notFound(
              "Unknown request URL: "
                  + request.method().name()
                  + " "
                  + RequestGuard.printable(path)
                  + "."));
      return;
    }
    Authenticator auth = security == null ? null : security.authenticator();
    if (auth == null) {
      authenticated(request, Principal.ANONYMOUS, requestId, start, guard);
      return;
    }
    String key = ApiKeys.presented(request);
    if (key == null) {
      unauthenticated(
          response,
          path,
          "Missing API key. Send it as 'Authorization: Bearer <key>' (or an 'api-key' header).");
      return;
    }
    java.util.Optional<Principal> cached = auth.cached(key);
    if (cached != null) {
      if (cached.isPresent()) {
        authenticated(request, cached.get(), requestId, start, guard);
      } else {
        unauthenticated(response, path, "Invalid, revoked or expired API key.");
      }
      return;
    }
    request.pause();
    auth.authenticate(key)
        .whenCompleteAsync(
            (principal, error) -> {
              try {
                if (error == null && principal.isPresent()) {
                  authenticated(request, principal.get(), requestId, start, guard);
                } else {
                  unauthenticated(response, path, "Invalid, revoked or expired API key.");
                }
              } catch (RuntimeException e) {
                guard.failed(e);
              }
              request.resume();
            },
            dev.gantry.gateway.pipeline.OnContext.current());
  }

  /**
   * Dispatches an authenticated request; API requests (under {@code /v1/}, model listings aside)
   * get an {@link AuditTrail} so that every outcome is recorded.
   */
  private void authenticated(
      HttpServerRequest request,
      Principal principal,
      String requestId,
      long start,
      RequestGuard guard) {
    String path = request.path();
    AuditTrail trail = null;
    if (recorder != null && path.startsWith("/v1/") && !path.startsWith(MODELS)) {
      trail =
          new AuditTrail(recorder, principal, requestId, path, ChatHandler.customerHeader(request));
      trail.traceId(guard.traceId());
      guard.trail(trail);
    }
    dispatch(request, principal, requestId, start, trail);
  }

  private static void unauthenticated(HttpServerResponse response, String path, String message) {
    response.putHeader("www-authenticate", "Bearer");
    errorsFor(path).accept(response, ApiError.unauthenticated(message));
  }

  /** The error shape of the API a path belongs to: Anthropic's for the Messages API. */
  private static java.util.function.BiConsumer<HttpServerResponse, ApiError> errorsFor(
      String path) {
    return path.startsWith(MessagesHandler.PATH)
        ? AnthropicErrors::write
        : (java.util.function.BiConsumer<HttpServerResponse, ApiError>) Responses::error;
  }

  private void dispatch(
      HttpServerRequest request,
      Principal principal,
      String requestId,
      long start,
      AuditTrail trail) {
    HttpServerResponse response = request.response();
    String path = request.path();
    HttpMethod method = request.method();
    if (admin != null && path.startsWith("/admin")) {
      admin.handle(vertx, server, request, principal);
      return;
    }
    switch (path) {
      case CHAT:
        if (expectPost(request, method)) {
          JsonBody.read(
              vertx,
              server,
              request,
              body -> chat.handle(request, body, requestId, start, principal, trail));
        }
        return;
      case ResponsesHandler.PATH:
        if (expectPost(request, method)) {
          JsonBody.read(
              vertx,
              server,
              request,
              body -> responses.create(request, body, requestId, start, principal, trail));
        }
        return;
      case MessagesHandler.PATH:
      case MessagesHandler.COUNT_PATH:
        if (expectPost(request, method)) {
          JsonBody.read(
              vertx,
              server,
              request,
              AnthropicErrors::write,
              body -> {
                if (path.equals(MessagesHandler.PATH)) {
                  messages.create(request, body, requestId, start, principal, trail);
                } else {
                  messages.countTokens(request.response(), body, principal);
                }
              });
        }
        return;
      case CompletionsHandler.PATH:
        if (expectPost(request, method)) {
          JsonBody.read(
              vertx,
              server,
              request,
              body -> completions.create(request, body, requestId, start, principal, trail));
        }
        return;
      case EMBEDDINGS:
        if (expectPost(request, method)) {
          JsonBody.read(
              vertx,
              server,
              request,
              body -> {
                if (trail != null && body.path("model").isTextual()) {
                  trail.route(body.get("model").asText());
                }
                String model = EmbeddingsRequestValidator.validate(body);
                ApiError denied = Access.check(principal, Endpoint.EMBEDDINGS, model, null);
                if (denied != null) {
                  Responses.error(request.response(), denied);
                  return;
                }
                embeddings.handle(
                    active.get(),
                    request.response(),
                    requestId,
                    model,
                    body,
                    start,
                    ChatHandler.customer(request, body),
                    trail,
                    request::getHeader,
                    principal.tenant());
              });
        }
        return;
      case RETRIEVE:
        if (expectPost(request, method)) {
          JsonBody.read(
              vertx,
              server,
              request,
              body -> {
                String model = body.path("model").isTextual() ? body.get("model").asText() : null;
                if (trail != null) {
                  trail.route(model);
                }
                ApiError denied = Access.check(principal, Endpoint.RETRIEVE, model, null);
                if (denied != null) {
                  Responses.error(request.response(), denied);
                  return;
                }
                RetrieveHandler.handle(active.get(), request.response(), body, principal);
              });
        }
        return;
      case MODELS:
        if (expectGet(request, method)) {
          ApiError denied = Access.check(principal, Endpoint.MODELS, null, null);
          if (denied != null) {
            Responses.error(response, denied);
            return;
          }
          Responses.json(response, 200, models(principal));
        }
        return;
      case METRICS:
        if (monitoring != null
            && monitoring.config().metrics().publicListener()
            && expectGet(request, method)) {
          ApiError denied =
              Access.check(principal, Endpoint.METRICS_READ, null, Principal.SYSTEM_TENANT);
          if (denied != null) {
            Responses.error(response, denied);
          } else {
            MonitoringEndpoints.metrics(response, monitoring);
          }
        } else if (monitoring == null || !monitoring.config().metrics().publicListener()) {
          Responses.error(
              response, ApiError.notFound("Unknown request URL: " + method.name() + " /metrics."));
        }
        return;
      case MonitoringEndpoints.FEEDBACK:
        if (monitoring != null && expectPost(request, method)) {
          JsonBody.read(
              vertx,
              server,
              request,
              body -> MonitoringEndpoints.feedback(response, monitoring, principal, body));
        } else if (monitoring == null) {
          Responses.error(response, ApiError.notFound("Feedback is not enabled."));
        }
        return;
      case "/healthz":
        if (expectGet(request, method)) {
          Responses.json(response, 200, Json.MAPPER.createObjectNode().put("status", "ok"));
        }
        return;
      case "/readyz":
        if (expectGet(request, method)) {
          Responses.json(
              response,
              ready ? 200 : 503,
              Json.MAPPER.createObjectNode().put("status", ready ? "ready" : "draining"));
        }
        return;
      default:
        if (path.startsWith(ResponsesHandler.PATH + "/")) {
          String id = path.substring(ResponsesHandler.PATH.length() + 1);
          if (method == HttpMethod.DELETE) {
            responses.delete(response, id, principal);
          } else if (method == HttpMethod.GET) {
            responses.get(response, id, principal);
          } else {
            response.putHeader("allow", "GET, DELETE");
            Responses.error(
                response,
                ApiError.methodNotAllowed(
                    "Method " + method.name() + " is not allowed on " + path + "."));
          }
          return;
        }
        if (path.startsWith(MODELS + "/") && expectGet(request, method)) {
          model(response, principal, path.substring(MODELS.length() + 1));
          return;
        }
        if (!path.startsWith(MODELS + "/")) {
          Responses.error(
              response,
              ApiError.notFound(
                  "Unknown request URL: "
                      + method.name()
                      + " "
                      + RequestGuard.printable(path)
                      + "."));
        }
    }
  }

  private boolean expectPost(HttpServerRequest request, HttpMethod method) {
    if (method == HttpMethod.POST) {
      return true;
    }
    request.response().putHeader("allow", "POST");
    errorsFor(request.path())
        .accept(
            request.response(),
            ApiError.methodNotAllowed(
                "Method "
                    + method.name()
                    + " is not allowed on "
                    + request.path()
                    + "; use POST."));
    return false;
  }

  private boolean expectGet(HttpServerRequest request, HttpMethod method) {
    if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
      return true;
    }
    request.response().putHeader("allow", "GET");
    Responses.error(
        request.response(),
        ApiError.methodNotAllowed(
            "Method " + method.name() + " is not allowed on " + request.path() + "; use GET."));
    return false;
  }

  private ObjectNode models(Principal principal) {
    ObjectNode list = Json.MAPPER.createObjectNode();
    list.put("object", "list");
    ArrayNode data = list.putArray("data");
    for (String name : active.get().config().routes().keySet()) {
      if (principal.mayCallRoute(name)) {
        data.add(modelObject(name));
      }
    }
    return list;
  }

  private static ObjectNode modelObject(String name) {
    ObjectNode model = Json.MAPPER.createObjectNode();
    model.put("id", name);
    model.put("object", "model");
    model.put("created", 0);
    model.put("owned_by", "gantry");
    return model;
  }

  /**
   * One model, with the same access rules as the list: a role or key that may not list models gets
   * 403, and a route the key may not call is reported as not found, as if it did not exist.
   */
  private void model(HttpServerResponse response, Principal principal, String encodedName) {
    String name = Uris.decodeOrNull(encodedName);
    ApiError denied = Access.check(principal, Endpoint.MODELS, null, null);
    if (denied != null) {
      Responses.error(response, denied);
    } else if (name != null
        && principal.mayCallRoute(name)
        && active.get().config().routes().containsKey(name)) {
      Responses.json(response, 200, modelObject(name));
    } else {
      Responses.error(
          response, ApiError.modelNotFound(RequestGuard.printable(String.valueOf(name))));
    }
  }
}
