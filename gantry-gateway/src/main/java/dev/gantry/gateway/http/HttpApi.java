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
import dev.gantry.gateway.pipeline.ActiveConfig;
import dev.gantry.gateway.security.Access;
import dev.gantry.gateway.security.ApiKeys;
import dev.gantry.gateway.security.AuditRecorder;
import dev.gantry.gateway.security.Authenticator;
import dev.gantry.gateway.security.Endpoint;
import dev.gantry.gateway.security.SecurityRuntime;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
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

  private final Vertx vertx;
  private final ServerConfig server;
  private final Supplier<ActiveConfig> active;
  private final Ticker ticker;
  private final EventBus events;
  private final EmbeddingsHandler embeddings;
  private final ChatHandler chat;
  private volatile boolean ready = true;
  private final java.util.concurrent.atomic.AtomicInteger inflight =
      new java.util.concurrent.atomic.AtomicInteger();

  private final SecurityRuntime security;
  private final AuditRecorder recorder;
  private final AdminApi admin;
  private final boolean adminOnly;
  private final boolean adminHere;

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
      dev.gantry.gateway.metrics.Metrics metrics) {
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
                (exchange, status) -> active.get().costs().entry(exchange, status));
    this.embeddings = new EmbeddingsHandler(ticker, events);
    this.recorder = recorder;
    this.chat = new ChatHandler(vertx, server, active, ticker, events, recorder);
    this.admin = adminHere ? new AdminApi(security, active, metrics) : null;
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
    long start = ticker.nanos();
    String requestId = RequestIds.honourOrGenerate(request.getHeader("x-request-id"));
    HttpServerResponse response = request.response();
    inflight.incrementAndGet();
    response.endHandler(v -> inflight.decrementAndGet());
    response.putHeader("x-request-id", requestId);
    String path = request.path();
    if (path.equals("/healthz") || path.equals("/readyz")) {
      dispatch(request, Principal.ANONYMOUS, requestId, start);
      return;
    }
    boolean adminPath = path.equals("/admin") || path.startsWith("/admin/");
    if (adminPath ? !adminHere : adminOnly) {
      Responses.error(
          response,
          ApiError.notFound("Unknown request URL: " + request.method().name() + " " + path + "."));
      return;
    }
    Authenticator auth = security == null ? null : security.authenticator();
    if (auth == null) {
      dispatch(request, Principal.ANONYMOUS, requestId, start);
      return;
    }
    String key = ApiKeys.presented(request);
    if (key == null) {
      unauthenticated(
          response,
          "Missing API key. Send it as 'Authorization: Bearer <key>' (or an 'api-key' header).");
      return;
    }
    java.util.Optional<Principal> cached = auth.cached(key);
    if (cached != null) {
      if (cached.isPresent()) {
        dispatch(request, cached.get(), requestId, start);
      } else {
        unauthenticated(response, "Invalid, revoked or expired API key.");
      }
      return;
    }
    request.pause();
    auth.authenticate(key)
        .whenCompleteAsync(
            (principal, error) -> {
              if (error == null && principal.isPresent()) {
                dispatch(request, principal.get(), requestId, start);
              } else {
                unauthenticated(response, "Invalid, revoked or expired API key.");
              }
              request.resume();
            },
            dev.gantry.gateway.pipeline.OnContext.current());
  }

  private static void unauthenticated(HttpServerResponse response, String message) {
    response.putHeader("www-authenticate", "Bearer");
    Responses.error(response, ApiError.unauthenticated(message));
  }

  private void dispatch(
      HttpServerRequest request, Principal principal, String requestId, long start) {
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
              body -> chat.handle(request, body, requestId, start, principal));
        }
        return;
      case EMBEDDINGS:
        if (expectPost(request, method)) {
          JsonBody.read(
              vertx,
              server,
              request,
              body -> {
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
                    principal,
                    ChatHandler.customer(request, body),
                    recorder);
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
                ApiError denied = Access.check(principal, Endpoint.RETRIEVE, model, null);
                if (denied != null) {
                  Responses.error(request.response(), denied);
                  return;
                }
                RetrieveHandler.handle(active.get(), request.response(), body);
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
        if (path.startsWith(MODELS + "/") && expectGet(request, method)) {
          model(response, path.substring(MODELS.length() + 1));
          return;
        }
        if (!path.startsWith(MODELS + "/")) {
          Responses.error(
              response,
              ApiError.notFound("Unknown request URL: " + method.name() + " " + path + "."));
        }
    }
  }

  private boolean expectPost(HttpServerRequest request, HttpMethod method) {
    if (method == HttpMethod.POST) {
      return true;
    }
    request.response().putHeader("allow", "POST");
    Responses.error(
        request.response(),
        ApiError.methodNotAllowed(
            "Method " + method.name() + " is not allowed on " + request.path() + "; use POST."));
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

  private void model(HttpServerResponse response, String encodedName) {
    String name = java.net.URLDecoder.decode(encodedName, StandardCharsets.UTF_8);
    if (active.get().config().routes().containsKey(name)) {
      Responses.json(response, 200, modelObject(name));
    } else {
      Responses.error(response, ApiError.modelNotFound(name));
    }
  }
}
