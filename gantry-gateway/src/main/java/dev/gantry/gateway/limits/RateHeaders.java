package dev.gantry.gateway.limits;

import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.pipeline.RateStatus;
import java.util.function.BiConsumer;

/**
 * The OpenAI-style rate-limit response headers: {@code x-ratelimit-limit-requests}, {@code
 * x-ratelimit-remaining-requests}, {@code x-ratelimit-reset-requests} (a duration such as {@code
 * 1s} or {@code 6m0s}: until the bucket is full again), the same for {@code -tokens}, and {@code
 * retry-after} (whole seconds) on a refusal. Written only for the dimensions a limit applied to.
 * Stateless.
 */
public final class RateHeaders {
  private RateHeaders() {}

  public static void write(Exchange exchange, BiConsumer<String, String> put) {
    RateStatus s = exchange.rateStatus();
    if (s == null) {
      return;
    }
    if (s.limitRequests() > 0) {
      put.accept("x-ratelimit-limit-requests", Long.toString(s.limitRequests()));
      put.accept("x-ratelimit-remaining-requests", Long.toString(s.remainingRequests()));
      put.accept("x-ratelimit-reset-requests", duration(s.resetRequestsMillis()));
    }
    if (s.limitTokens() > 0) {
      put.accept("x-ratelimit-limit-tokens", Long.toString(s.limitTokens()));
      put.accept("x-ratelimit-remaining-tokens", Long.toString(s.remainingTokens()));
      put.accept("x-ratelimit-reset-tokens", duration(s.resetTokensMillis()));
    }
    if (s.retryAfterSeconds() > 0) {
      put.accept("retry-after", Long.toString(s.retryAfterSeconds()));
    }
  }

  /** OpenAI's duration format: {@code 120ms}, {@code 1s}, {@code 6m0s}, {@code 1h2m3s}. */
  static String duration(long millis) {
    if (millis < 1000) {
      return millis + "ms";
    }
    long seconds = (millis + 999) / 1000;
    long h = seconds / 3600;
    long m = (seconds % 3600) / 60;
    long s = seconds % 60;
    StringBuilder b = new StringBuilder();
    if (h > 0) {
      b.append(h).append('h');
    }
    if (h > 0 || m > 0) {
      b.append(m).append('m');
    }
    return b.append(s).append('s').toString();
  }
}
