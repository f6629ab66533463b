package dev.gantry.gateway.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.EmbeddingsRequestValidator;
import dev.gantry.core.api.Json;
import dev.gantry.core.config.ServerConfig;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.time.Ticker;
import dev.gantry.gateway.pipeline.ActiveConfig;
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

  public HttpApi(
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
    this.embeddings = new EmbeddingsHandler(ticker, events);
    this.chat = new ChatHandler(vertx, server, active, ticker, events);
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
    HttpMethod method = request.method();
    switch (path) {
      case CHAT:
        if (expectPost(request, method)) {
          JsonBody.read(
              vertx, server, request, body -> chat.handle(request, body, requestId, start));
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
                embeddings.handle(active.get(), request.response(), requestId, model, body, start);
              });
        }
        return;
      case RETRIEVE:
        if (expectPost(request, method)) {
          JsonBody.read(
              vertx,
              server,
              request,
              body -> RetrieveHandler.handle(active.get(), request.response(), body));
        }
        return;
      case MODELS:
        if (expectGet(request, method)) {
          Responses.json(response, 200, models());
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

  private ObjectNode models() {
    ObjectNode list = Json.MAPPER.createObjectNode();
    list.put("object", "list");
    ArrayNode data = list.putArray("data");
    for (String name : active.get().config().routes().keySet()) {
      data.add(modelObject(name));
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
