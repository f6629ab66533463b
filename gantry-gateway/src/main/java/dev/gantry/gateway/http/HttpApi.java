package dev.gantry.gateway.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ApiException;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.api.ChatRequestValidator;
import dev.gantry.core.api.EmbeddingsRequestValidator;
import dev.gantry.core.api.Json;
import dev.gantry.core.config.ServerConfig;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.RequestCompleted;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.pipeline.Verdict;
import dev.gantry.core.time.Ticker;
import dev.gantry.gateway.pipeline.ActiveConfig;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
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

  private final Vertx vertx;
  private final ServerConfig server;
  private final Supplier<ActiveConfig> active;
  private final Ticker ticker;
  private final EventBus events;
  private final EmbeddingsHandler embeddings;
  private volatile boolean ready = true;

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
    response.putHeader("x-request-id", requestId);
    String path = request.path();
    HttpMethod method = request.method();
    switch (path) {
      case CHAT:
        if (expectPost(request, method)) {
          readJson(request, body -> chat(request, body, requestId, start));
        }
        return;
      case EMBEDDINGS:
        if (expectPost(request, method)) {
          readJson(
              request,
              body -> {
                String model = EmbeddingsRequestValidator.validate(body);
                embeddings.handle(active.get(), request.response(), requestId, model, body, start);
              });
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

  /**
   * Reads a JSON object body with the configured size and time limits, then hands it on. Every
   * failure (too large, too slow, not JSON, invalid) is answered here.
   */
  private void readJson(HttpServerRequest request, Consumer<ObjectNode> then) {
    HttpServerResponse response = request.response();
    String contentType = request.getHeader("content-type");
    long limit = server.maxBodyBytes();
    if (contentType == null || !isJson(contentType)) {
      refuse(
          request,
          limit,
          ApiError.unsupportedMediaType(
              contentType == null
                  ? "Missing Content-Type header; send the body as application/json."
                  : "Unsupported Content-Type '"
                      + contentType
                      + "'; send the body as application/json."));
      return;
    }
    String declared = request.getHeader("content-length");
    long length = -1;
    if (declared != null) {
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        length = -1;
      }
    }
    if (length > limit) {
      refuse(request, limit, ApiError.tooLarge(limit));
      return;
    }
    BodyReader reader = new BodyReader(request, limit, length, then);
    reader.start(vertx, server.bodyTimeout().toMillis());
  }

  /**
   * Answers with {@code error} at once, then reads and discards what the client still sends (up to
   * a bound) so that clients which write the whole body before reading see the answer; the
   * connection closes.
   */
  static void refuse(HttpServerRequest request, long limit, ApiError error) {
    HttpServerResponse response = request.response();
    closeAfter(response);
    Responses.error(response, error);
    long[] discarded = {0};
    long bound = Math.max(limit * 8, 64L * 1024 * 1024);
    request.handler(
        chunk -> {
          discarded[0] += chunk.length();
          if (discarded[0] > bound) {
            request.connection().close();
          }
        });
    request.exceptionHandler(e -> {});
    request.resume();
  }

  private static boolean isJson(String contentType) {
    int semi = contentType.indexOf(';');
    String type = (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
    return type.equalsIgnoreCase("application/json")
        || type.toLowerCase(java.util.Locale.ROOT).endsWith("+json");
  }

  static void closeAfter(HttpServerResponse response) {
    response.putHeader("connection", "close");
  }

  /** Accumulates one request body. Lives on the request's event loop. */
  private static final class BodyReader {
    private final HttpServerRequest request;
    private final long limit;
    private final Consumer<ObjectNode> then;
    private final Buffer body;
    private boolean finished;
    private long timer = -1;
    private Vertx vertx;

    BodyReader(HttpServerRequest request, long limit, long declared, Consumer<ObjectNode> then) {
      this.request = request;
      this.limit = limit;
      this.then = then;
      this.body = Buffer.buffer((int) Math.max(256, Math.min(declared, 64 * 1024)));
    }

    void start(Vertx vertx, long timeoutMs) {
      this.vertx = vertx;
      HttpServerResponse response = request.response();
      timer =
          vertx.setTimer(
              timeoutMs,
              id -> {
                if (!finished) {
                  finished = true;
                  closeAfter(response);
                  Responses.error(
                      response,
                      new ApiError(
                          408,
                          "The request body was not received within " + timeoutMs + " ms.",
                          ApiError.INVALID_REQUEST,
                          null,
                          "request_timeout"));
                  response.closed();
                  request.connection().close();
                }
              });
      request.handler(
          chunk -> {
            if (finished) {
              return;
            }
            if (body.length() + chunk.length() > limit) {
              finish();
              refuse(request, limit, ApiError.tooLarge(limit));
              return;
            }
            body.appendBuffer(chunk);
          });
      request.exceptionHandler(
          e -> {
            if (!finished) {
              finish();
            }
          });
      request.endHandler(
          v -> {
            if (finished) {
              return;
            }
            finish();
            ObjectNode json;
            try {
              json = Json.parseObject(body.getBytes());
              then.accept(json);
            } catch (ApiException e) {
              Responses.error(response, e.error());
            } catch (RuntimeException e) {
              Responses.error(response, ApiError.internal("Gantry failed to handle the request."));
            }
          });
    }

    private void finish() {
      finished = true;
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
    }
  }

  private void chat(HttpServerRequest request, ObjectNode body, String requestId, long start) {
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
    config
        .pipeline()
        .run(exchange)
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
      Responses.json(response, 200, respond.completion());
      return 200;
    }
    if (exchange.sink() == null) {
      Responses.gatewayHeaders(response, exchange, ticker.nanos());
      Responses.json(response, 200, exchange.response());
    }
    return 200;
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
