package dev.gantry.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.Json;
import dev.gantry.core.pipeline.Exchange;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** Writes JSON answers, errors and the gateway's response headers. Stateless. */
final class Responses {
  private Responses() {}

  static void json(HttpServerResponse response, int status, JsonNode body) {
    if (response.ended() || response.closed()) {
      return;
    }
    response
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(Buffer.buffer(Json.toBytes(body)));
  }

  static void error(HttpServerResponse response, ApiError error) {
    if (response.ended() || response.closed() || response.headWritten()) {
      return;
    }
    response
        .setStatusCode(error.status())
        .putHeader("content-type", "application/json")
        .end(Buffer.buffer(error.toBytes()));
  }

  /**
   * Adds {@code x-gantry-provider}, {@code x-gantry-model}, {@code x-gantry-attempts} and {@code
   * x-gantry-overhead-ms} (time in Gantry itself: elapsed time minus upstream waits, in
   * milliseconds with microsecond precision).
   */
  static void gatewayHeaders(HttpServerResponse response, Exchange exchange, long nowNanos) {
    if (response.headWritten()) {
      return;
    }
    if (exchange.provider() != null) {
      response.putHeader("x-gantry-provider", exchange.provider());
      response.putHeader("x-gantry-model", exchange.deployment());
    }
    response.putHeader("x-gantry-attempts", Integer.toString(exchange.attempts()));
    guardHeaders(response, exchange);
    if (!exchange.sources().isEmpty()) {
      response.putHeader(
          "x-gantry-sources", dev.gantry.gateway.rag.Sources.header(exchange.sources()));
    }
    if (exchange.degraded()) {
      response.putHeader("x-gantry-degraded", "true");
    }
    String traceId = exchange.trace().traceId();
    if (traceId != null) {
      response.putHeader("x-gantry-trace-id", traceId);
    }
    dev.gantry.gateway.cost.CostHeaders.write(exchange, response::putHeader);
    dev.gantry.gateway.cache.CacheHeaders.write(exchange, response::putHeader);
    dev.gantry.gateway.limits.RateHeaders.write(exchange, response::putHeader);
    long overheadNanos = Math.max(0, nowNanos - exchange.startNanos() - exchange.upstreamNanos());
    response.putHeader("x-gantry-overhead-ms", millis(overheadNanos));
  }

  /**
   * {@code x-gantry-guardrail: <check>} when a guardrail refused the request or its answer, and
   * {@code x-gantry-guardrail-findings: <check>:<outcome>,...} for every guardrail that triggered.
   */
  static void guardHeaders(HttpServerResponse response, Exchange exchange) {
    if (exchange.findings().isEmpty()) {
      return;
    }
    StringBuilder all = new StringBuilder();
    for (dev.gantry.core.pipeline.GuardFinding f : exchange.findings()) {
      if (f.outcome().equals("blocked") && !response.headers().contains("x-gantry-guardrail")) {
        response.putHeader("x-gantry-guardrail", f.check());
      }
      all.append(all.length() == 0 ? "" : ",").append(f.check()).append(':').append(f.outcome());
    }
    response.putHeader("x-gantry-guardrail-findings", all.toString());
  }

  static String millis(long nanos) {
    long micros = nanos / 1000;
    StringBuilder s = new StringBuilder(12).append(micros / 1000).append('.');
    long frac = micros % 1000;
    if (frac < 100) {
      s.append('0');
    }
    if (frac < 10) {
      s.append('0');
    }
    return s.append(frac).toString();
  }
}
