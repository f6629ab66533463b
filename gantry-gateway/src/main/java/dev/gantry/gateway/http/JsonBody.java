package dev.gantry.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ApiException;
import dev.gantry.core.api.Json;
import dev.gantry.core.config.ServerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Reads one JSON object request body within the configured size and time limits and hands it on.
 * Every failure (wrong content type, too large, too slow, malformed framing, not strict UTF-8, not
 * JSON, invalid) is answered here with an OpenAI-style error. Stateless; the per-request reader
 * lives on the request's event loop.
 */
final class JsonBody {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JsonBody.class);

  private JsonBody() {}

  /**
   * Reads a JSON object body with the configured size and time limits, then hands it on. Every
   * failure (too large, too slow, not JSON, invalid) is answered here.
   */
  static void read(
      Vertx vertx, ServerConfig server, HttpServerRequest request, Consumer<ObjectNode> then) {
    read(vertx, server, request, Responses::error, then);
  }

  /**
   * Like {@link #read(Vertx, ServerConfig, HttpServerRequest, Consumer)}, answering failures with
   * {@code errors} (an inbound API's own error shape); an {@link ApiException} thrown by {@code
   * then} is answered the same way.
   */
  static void read(
      Vertx vertx,
      ServerConfig server,
      HttpServerRequest request,
      BiConsumer<HttpServerResponse, ApiError> errors,
      Consumer<ObjectNode> then) {
    HttpServerResponse response = request.response();
    String contentType = request.getHeader("content-type");
    long limit = server.maxBodyBytes();
    if (contentType == null || !isJson(contentType)) {
      refuse(
          request,
          limit,
          errors,
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
      refuse(request, limit, errors, ApiError.tooLarge(limit));
      return;
    }
    BodyReader reader = new BodyReader(request, limit, length, errors, then);
    reader.start(vertx, server.bodyTimeout().toMillis());
    String expect = request.getHeader("expect");
    if (expect != null && expect.equalsIgnoreCase("100-continue")) {
      // The checks above passed, so invite the body now instead of letting the client wait.
      request.response().writeContinue();
    }
  }

  /**
   * Answers with {@code error} at once, then reads and discards what the client still sends (up to
   * a bound) so that clients which write the whole body before reading see the answer; the
   * connection closes.
   */
  static void refuse(
      HttpServerRequest request,
      long limit,
      BiConsumer<HttpServerResponse, ApiError> errors,
      ApiError error) {
    HttpServerResponse response = request.response();
    closeAfter(response);
    errors.accept(response, error);
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
    private final BiConsumer<HttpServerResponse, ApiError> errors;
    private final Buffer body;
    private boolean finished;
    private long timer = -1;
    private Vertx vertx;

    BodyReader(
        HttpServerRequest request,
        long limit,
        long declared,
        BiConsumer<HttpServerResponse, ApiError> errors,
        Consumer<ObjectNode> then) {
      this.request = request;
      this.errors = errors;
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
                  errors.accept(
                      response,
                      new ApiError(
                          408,
                          "The request body was not received within " + timeoutMs + " ms.",
                          ApiError.INVALID_REQUEST,
                          null,
                          "request_timeout"));
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
              refuse(request, limit, errors, ApiError.tooLarge(limit));
              return;
            }
            body.appendBuffer(chunk);
          });
      request.exceptionHandler(
          e -> {
            if (!finished) {
              finish();
              // The body's framing was broken (e.g. a malformed chunk) or the connection failed.
              closeAfter(response);
              Responses.error(
                  response,
                  ApiError.invalid(
                      "The request body could not be read: its framing is malformed.",
                      null,
                      "malformed_body"));
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
              byte[] bytes = body.getBytes();
              int bad = Utf8.firstInvalid(bytes);
              if (bad >= 0) {
                Responses.error(
                    response,
                    ApiError.invalid(
                        "The request body is not valid UTF-8 (at byte " + bad + ").",
                        null,
                        "invalid_json"));
                return;
              }
              json = Json.parseObject(bytes);
              then.accept(json);
            } catch (ApiException e) {
              errors.accept(response, e.error());
            } catch (RuntimeException e) {
              LOG.error(
                  "failed to handle {} {}",
                  request.method().name(),
                  RequestGuard.printable(request.path()),
                  e);
              errors.accept(response, ApiError.internal("Gantry failed to handle the request."));
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
}
