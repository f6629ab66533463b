package dev.gantry.gateway.providers;

import dev.gantry.core.api.ApiError;
import dev.gantry.core.config.ProviderConfig;
import dev.gantry.core.config.Timeouts;
import dev.gantry.core.time.Ticker;
import dev.gantry.gateway.routing.AttemptFailure;
import dev.gantry.gateway.routing.Backoff;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The pooled keep-alive HTTP client of one provider, and the one place where an attempt's deadlines
 * are enforced: connect, time to first byte, idle time between chunks, and total time. Failures
 * come back as {@link AttemptFailure}s that say whether a retry may help. Shared by all requests to
 * the provider; thread-safe; closed when the configuration that created it is replaced.
 */
public final class UpstreamClient implements AutoCloseable {
  /** Largest upstream body Gantry buffers for a non-streamed answer, in bytes. */
  static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

  private final Vertx vertx;
  private final VertxScheduler timers;
  private final ProviderConfig provider;
  private final HttpClientAgent client;
  private final long connectMs;
  private final long firstByteMs;
  private final long idleMs;
  private final long totalMs;
  private final String base;
  private final String host;
  private final int port;
  private final boolean ssl;
  private final String basePath;

  private static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("content-type");
  private static final CharSequence APPLICATION_JSON =
      HttpHeaders.createOptimized("application/json");
  private static final CharSequence ACCEPT = HttpHeaders.createOptimized("accept");
  private static final CharSequence ACCEPT_VALUE =
      HttpHeaders.createOptimized("application/json, text/event-stream");

  /** Receives the body of a streamed answer after its 2xx headers. Called on the event loop. */
  public interface StreamBody {
    /**
     * Receives the next bytes of the stream.
     *
     * @return false to stop: the upstream request is reset and nothing more is delivered
     */
    boolean onData(Buffer data);

    void onEnd();

    /** The stream broke (reset, idle timeout, total timeout) after its headers had arrived. */
    void onError(AttemptFailure failure);

    /**
     * Hands over flow control before the first data: {@code pause} stops reading from the upstream
     * (when the client is slower), {@code resume} starts again.
     */
    default void flowControl(Runnable pause, Runnable resume) {}
  }

  public UpstreamClient(Vertx vertx, ProviderConfig provider) {
    this.vertx = vertx;
    this.timers = VertxScheduler.real(vertx);
    this.provider = provider;
    Timeouts t = provider.timeouts();
    this.connectMs = t.connect().toMillis();
    this.firstByteMs = t.firstByte().toMillis();
    this.idleMs = t.idle().toMillis();
    this.totalMs = t.total().toMillis();
    java.net.URI url = provider.baseUrl();
    this.base = url.toString();
    this.ssl = "https".equalsIgnoreCase(url.getScheme());
    this.host = url.getHost();
    this.port = url.getPort() > 0 ? url.getPort() : ssl ? 443 : 80;
    this.basePath = url.getRawPath() == null ? "" : url.getRawPath();
    HttpClientOptions options =
        new HttpClientOptions()
            .setKeepAlive(true)
            .setTcpNoDelay(true)
            .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectMs))
            .setMaxInitialLineLength(8192)
            .setDecompressionSupported(true);
    if (ssl) {
      options.setSsl(true).setVerifyHost(true).setTrustAll(false);
      if (provider.caFile() != null) {
        options.setTrustOptions(
            new io.vertx.core.net.PemTrustOptions().addCertPath(provider.caFile().toString()));
      }
    }
    if (provider.http2()) {
      options
          .setProtocolVersion(HttpVersion.HTTP_2)
          .setUseAlpn(true)
          .setHttp2ClearTextUpgrade(false);
    }
    PoolOptions pool =
        new PoolOptions()
            .setHttp1MaxSize(provider.maxConnections())
            .setHttp2MaxSize(Math.max(1, provider.maxConnections() / 64))
            .setMaxWaitQueueSize(-1);
    this.client = vertx.createHttpClient(options, pool);
  }

  public ProviderConfig provider() {
    return provider;
  }

  /**
   * Sends a request and collects a complete 2xx body.
   *
   * @param errors turns a non-2xx status and body into the client's error
   * @param budgetMs time the client's request has left, in milliseconds
   * @return the body, or a failed future holding an {@link AttemptFailure}
   */
  public Future<byte[]> call(
      UpstreamRequest request, BiFunction<Integer, byte[], ApiError> errors, long budgetMs) {
    return call(request, errors, budgetMs, Promise.<Void>promise().future());
  }

  /**
   * Like {@link #call(UpstreamRequest, BiFunction, long)}; when {@code cancel} completes first, the
   * upstream request is reset and the future fails (a hedge race was lost).
   */
  public Future<byte[]> call(
      UpstreamRequest request,
      BiFunction<Integer, byte[], ApiError> errors,
      long budgetMs,
      Future<Void> cancel) {
    Promise<byte[]> promise = Promise.promise();
    cancel.onComplete(v -> promise.tryFail(hedgeLost()));
    send(request, promise, budgetMs)
        .onSuccess(
            response -> {
              if (response.statusCode() / 100 != 2) {
                failWithBody(response, errors, promise);
                return;
              }
              Buffer body = Buffer.buffer();
              response.handler(
                  data -> {
                    if (body.length() + data.length() > MAX_RESPONSE_BYTES) {
                      if (promise.tryFail(tooLarge())) {
                        response.request().reset();
                      }
                      return;
                    }
                    body.appendBuffer(data);
                  });
              response.endHandler(v -> promise.tryComplete(body.getBytes()));
              response.exceptionHandler(e -> promise.tryFail(broken(e)));
            });
    return promise.future();
  }

  /**
   * Sends a request whose answer is streamed. The future completes when 2xx headers arrive (the
   * body then flows to {@code body}), or fails with an {@link AttemptFailure} before that.
   */
  public Future<Void> stream(
      UpstreamRequest request,
      BiFunction<Integer, byte[], ApiError> errors,
      StreamBody body,
      long budgetMs) {
    return stream(request, errors, body, budgetMs, Promise.<Void>promise().future());
  }

  /**
   * Like {@link #stream(UpstreamRequest, BiFunction, StreamBody, long)}; when {@code cancel}
   * completes first, the upstream request is reset and the stream fails (a hedge race was lost).
   */
  public Future<Void> stream(
      UpstreamRequest request,
      BiFunction<Integer, byte[], ApiError> errors,
      StreamBody body,
      long budgetMs,
      Future<Void> cancel) {
    Promise<Void> headers = Promise.promise();
    Promise<byte[]> outcome = Promise.promise();
    cancel.onComplete(v -> outcome.tryFail(hedgeLost()));
    send(request, outcome, budgetMs)
        .onSuccess(
            response -> {
              if (response.statusCode() / 100 != 2) {
                failWithBody(response, errors, outcome);
                return;
              }
              IdleTimer idle =
                  new IdleTimer(
                      timers,
                      Ticker.SYSTEM, // network deadlines run on real time
                      idleMs,
                      () -> {
                        outcome.tryFail(timeout("idle", idleMs, false));
                        response.request().reset();
                      });
              outcome.future().onComplete(done -> idle.cancel());
              body.flowControl(response::pause, response::resume);
              response.handler(
                  data -> {
                    idle.touch();
                    if (!body.onData(data) && outcome.tryComplete()) {
                      response.request().reset();
                    }
                  });
              response.endHandler(
                  v -> {
                    if (outcome.tryComplete()) {
                      body.onEnd();
                    }
                  });
              response.exceptionHandler(e -> outcome.tryFail(broken(e)));
              headers.tryComplete();
            });
    outcome
        .future()
        .onFailure(
            failure -> {
              if (!headers.tryFail(failure)) {
                body.onError((AttemptFailure) failure);
              }
            });
    return headers.future();
  }

  /**
   * Opens the request and enforces connect, first-byte and total deadlines; the total is cut to
   * {@code budgetMs} when the client's request has less time left than that.
   */
  private Future<HttpClientResponse> send(
      UpstreamRequest request, Promise<?> outcome, long budgetMs) {
    long limitMs = Math.max(1, Math.min(totalMs, budgetMs));
    Promise<HttpClientResponse> headers = Promise.promise();
    RequestOptions options =
        new RequestOptions().setMethod(HttpMethod.POST).setConnectTimeout(connectMs);
    String uri = request.uri();
    if (uri.startsWith(base)) {
      // Parsed once per provider: no URL parsing per request.
      options
          .setHost(host)
          .setPort(port)
          .setSsl(ssl)
          .setURI(basePath + uri.substring(base.length()));
    } else {
      options.setAbsoluteURI(uri);
    }
    options.putHeader(CONTENT_TYPE, APPLICATION_JSON).putHeader(ACCEPT, ACCEPT_VALUE);
    for (Map.Entry<String, String> h : request.headers().entrySet()) {
      options.putHeader(h.getKey(), h.getValue());
    }
    client
        .request(options)
        .onComplete(
            opened -> {
              if (opened.failed()) {
                outcome.tryFail(
                    new AttemptFailure(
                        ApiError.upstream(
                            502,
                            "Could not connect to provider '"
                                + provider.name()
                                + "': "
                                + describe(opened.cause()),
                            "upstream_connect_failed"),
                        true,
                        -1,
                        0));
                return;
              }
              HttpClientRequest req = opened.result();
              outcome.future().onFailure(f -> req.reset());
              long total =
                  vertx.setTimer(
                      limitMs,
                      id -> {
                        outcome.tryFail(
                            limitMs < totalMs
                                ? new AttemptFailure(
                                    ApiError.timeout(
                                        "The request reached its deadline while provider '"
                                            + provider.name()
                                            + "' was still answering.",
                                        "request_timeout"),
                                    false,
                                    -1,
                                    0)
                                : timeout("total", totalMs, false));
                        req.reset();
                      });
              long firstByte =
                  vertx.setTimer(
                      firstByteMs,
                      id -> {
                        outcome.tryFail(timeout("first_byte", firstByteMs, true));
                        req.reset();
                      });
              outcome.future().onComplete(done -> vertx.cancelTimer(total));
              req.send(Buffer.buffer(request.body()))
                  .onComplete(
                      response -> {
                        vertx.cancelTimer(firstByte);
                        if (response.failed()) {
                          outcome.tryFail(
                              new AttemptFailure(
                                  ApiError.upstream(
                                      502,
                                      "The connection to provider '"
                                          + provider.name()
                                          + "' failed: "
                                          + describe(response.cause()),
                                      "upstream_connection_error"),
                                  true,
                                  -1,
                                  0));
                        } else if (!outcome.future().isComplete()) {
                          headers.complete(response.result());
                        }
                      });
            });
    return headers.future();
  }

  private void failWithBody(
      HttpClientResponse response,
      BiFunction<Integer, byte[], ApiError> errors,
      Promise<?> outcome) {
    int status = response.statusCode();
    long retryAfter =
        Backoff.parseRetryAfter(
            response.getHeader("retry-after"), response.getHeader("retry-after-ms"));
    response
        .body()
        .onComplete(
            body -> {
              byte[] bytes = body.succeeded() ? body.result().getBytes() : new byte[0];
              ApiError error = errors.apply(status, bytes);
              outcome.tryFail(
                  new AttemptFailure(
                      error, AttemptFailure.retryableStatus(status), retryAfter, status));
            });
  }

  /** The attempt was cancelled: the other attempt of its hedge race answered first. */
  private static AttemptFailure hedgeLost() {
    return new AttemptFailure(
        new ApiError(
            499,
            "Cancelled: another attempt answered first.",
            ApiError.GATEWAY,
            null,
            "hedge_lost"),
        false,
        -1,
        0);
  }

  private AttemptFailure timeout(String which, long ms, boolean retryable) {
    return new AttemptFailure(
        ApiError.timeout(
            "Provider '"
                + provider.name()
                + "' exceeded its "
                + which
                + " timeout of "
                + ms
                + " ms.",
            "upstream_timeout"),
        retryable,
        -1,
        0);
  }

  private AttemptFailure tooLarge() {
    return new AttemptFailure(
        ApiError.upstream(
            502,
            "The answer from provider '"
                + provider.name()
                + "' is larger than "
                + MAX_RESPONSE_BYTES
                + " bytes.",
            "upstream_response_too_large"),
        false,
        -1,
        200);
  }

  private AttemptFailure broken(Throwable cause) {
    return new AttemptFailure(
        ApiError.upstream(
            502,
            "The response from provider '" + provider.name() + "' broke off: " + describe(cause),
            "upstream_connection_error"),
        true,
        -1,
        0);
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    return message == null ? t.getClass().getSimpleName() : message;
  }

  @Override
  public void close() {
    client.close();
  }
}
