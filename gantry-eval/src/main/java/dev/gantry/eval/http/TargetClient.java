package dev.gantry.eval.http;

import dev.gantry.core.time.Ticker;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Sends requests to the target (a gateway) with {@link HttpClient} over HTTP/1.1. Each attempt has
 * the per-request timeout; transport errors, timeouts, 429 and 5xx are retried up to {@code
 * retries} more times, waiting {@code backoff × 2^(n-1)} (at most 5 s) or the server's {@code
 * Retry-After} (at most 10 s). Shared and thread-safe; it holds one connection pool.
 */
public final class TargetClient {
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(10);

  private final HttpClient http;
  private final URI base;
  private final String apiKey;
  private final Duration timeout;
  private final int retries;
  private final Duration backoff;
  private final Ticker ticker;
  private final Sleeper sleeper;

  /**
   * @param base the target's base URL, e.g. {@code http://127.0.0.1:8080}
   * @param apiKey sent as {@code Authorization: Bearer <key>}; null sends no header
   * @param timeout per attempt, > 0
   * @param retries extra attempts after the first, >= 0
   * @param backoff wait before the first retry, >= 0
   */
  public TargetClient(
      URI base,
      String apiKey,
      Duration timeout,
      int retries,
      Duration backoff,
      Ticker ticker,
      Sleeper sleeper) {
    this.base = Objects.requireNonNull(base, "base");
    this.apiKey = apiKey;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be > 0, got " + timeout);
    }
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be >= 0, got " + retries);
    }
    this.retries = retries;
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    Duration connect =
        timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10);
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connect)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** The base URL requests go to. */
  public URI base() {
    return base;
  }

  /** POSTs a JSON body to {@code path} (e.g. {@code /v1/chat/completions}), retrying. */
  public HttpOutcome postJson(String path, String json) {
    HttpRequest.Builder request =
        builder(path)
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    return send(request.build(), retries);
  }

  /** One GET without retries, to check that the target answers at all. */
  public HttpOutcome probe(String path) {
    return send(builder(path).GET().build(), 0);
  }

  private HttpRequest.Builder builder(String path) {
    String b = base.toString();
    URI uri = URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri).timeout(timeout).header("accept", "application/json");
    if (apiKey != null && !apiKey.isEmpty()) {
      builder.header("authorization", "Bearer " + apiKey);
    }
    return builder;
  }

  private HttpOutcome send(HttpRequest request, int maxRetries) {
    int attempt = 0;
    while (true) {
      attempt++;
      long start = ticker.nanos();
      Duration wait;
      try {
        HttpResponse<String> response =
            http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        long latencyMs = (ticker.nanos() - start) / 1_000_000L;
        int status = response.statusCode();
        boolean retryable = status == 429 || status >= 500;
        if (!retryable || attempt > maxRetries) {
          return new HttpOutcome.Received(
              status, headers(response), response.body(), latencyMs, attempt, false);
        }
        wait = retryAfter(response).orElse(backoff(attempt));
      } catch (IOException e) {
        if (attempt > maxRetries) {
          return new HttpOutcome.Failed(describe(e), attempt, unreachable(e));
        }
        wait = backoff(attempt);
      } catch (UnresolvedAddressException e) {
        return new HttpOutcome.Failed("unknown host " + request.uri().getHost(), attempt, true);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new HttpOutcome.Failed("interrupted", attempt, false);
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new HttpOutcome.Failed("interrupted", attempt, false);
      }
    }
  }

  private Duration backoff(int attempt) {
    Duration d = backoff.multipliedBy(1L << Math.min(attempt - 1, 20));
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }

  private static java.util.Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("retry-after")
        .filter(v -> v.strip().matches("\\d{1,6}"))
        .map(v -> Duration.ofSeconds(Long.parseLong(v.strip())))
        .map(d -> d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d);
  }

  private static Map<String, String> headers(HttpResponse<?> response) {
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, List<String>> e : response.headers().map().entrySet()) {
      if (e.getKey() != null && !e.getKey().startsWith(":")) {
        out.put(e.getKey().toLowerCase(Locale.ROOT), String.join(", ", e.getValue()));
      }
    }
    return out;
  }

  private static boolean unreachable(IOException e) {
    return e instanceof ConnectException
        || e instanceof HttpConnectTimeoutException
        || e.getCause() instanceof ConnectException
        || e.getCause() instanceof UnresolvedAddressException;
  }

  private static String describe(IOException e) {
    if (e instanceof HttpConnectTimeoutException) {
      return "connect timed out";
    }
    if (e instanceof HttpTimeoutException) {
      return "timed out";
    }
    if (unreachable(e)) {
      return "connection refused";
    }
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
