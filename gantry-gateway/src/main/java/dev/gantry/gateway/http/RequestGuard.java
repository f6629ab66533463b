package dev.gantry.gateway.http;

import dev.gantry.core.api.ApiError;
import dev.gantry.core.time.Ticker;
import dev.gantry.gateway.security.AuditTrail;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last resort around one request: whatever the handlers do, the request ends with exactly one
 * answer or a closed connection. An exception no handler caught is logged and answered with 500; a
 * request still unanswered after the watchdog's deadline (longer than any legitimate request: body
 * timeout plus request timeout plus a margin) is logged and answered with 500 too, or its
 * connection closed when the answer had already begun. When the response ends or the connection
 * closes it settles the request's {@link AuditTrail} and tells the listener. One per request;
 * event-loop thread only.
 */
final class RequestGuard {
  private static final Logger LOG = LoggerFactory.getLogger(RequestGuard.class);

  private final Vertx vertx;
  private final HttpServerRequest request;
  private final String requestId;
  private final Ticker ticker;
  private final long start;
  private final Runnable finished;
  private final long timer;
  private AuditTrail trail;
  private dev.gantry.gateway.tracing.Tracing.EdgeTrace edge;
  private boolean done;

  /**
   * @param watchdogMs how long the request may stay unanswered before the guard answers
   * @param finished run once, when the response ended or the connection closed
   */
  RequestGuard(
      Vertx vertx,
      HttpServerRequest request,
      String requestId,
      long watchdogMs,
      Ticker ticker,
      long start,
      Runnable finished) {
    this.vertx = vertx;
    this.request = request;
    this.requestId = requestId;
    this.ticker = ticker;
    this.start = start;
    this.finished = finished;
    HttpServerResponse response = request.response();
    response.endHandler(v -> finish(response.getStatusCode()));
    response.closeHandler(v -> finish(AuditTrail.CLIENT_CLOSED));
    this.timer = vertx.setTimer(watchdogMs, id -> overdue(watchdogMs));
  }

  /** The request's audit trail, settled when the request finishes. */
  void trail(AuditTrail t) {
    this.trail = t;
  }

  /** The trace of the request if no handler takes it, ended when the request finishes. */
  void edge(dev.gantry.gateway.tracing.Tracing.EdgeTrace e) {
    this.edge = e;
  }

  /** The trace id the request is answered with: its edge trace's, else the client's, or null. */
  String traceId() {
    return edge != null
        ? edge.traceId()
        : dev.gantry.gateway.tracing.Tracing.clientTraceId(request::getHeader);
  }

  private void finish(int status) {
    if (done) {
      return;
    }
    done = true;
    vertx.cancelTimer(timer);
    if (edge != null) {
      edge.end(status);
    }
    if (trail != null) {
      trail.settle(status, (ticker.nanos() - start) / 1_000_000);
    }
    finished.run();
  }

  /** Answers 500 for a failure that no handler caught (and logs it with its stack trace). */
  void failed(Throwable error) {
    LOG.error(
        "{}: {} {} failed in Gantry; answering 500",
        requestId,
        request.method().name(),
        printable(request.path()),
        error);
    answer500("Gantry failed to handle the request.");
  }

  private void overdue(long watchdogMs) {
    if (done || request.response().ended()) {
      return;
    }
    LOG.error(
        "{}: {} {} was still unanswered after {} ms; answering 500",
        requestId,
        request.method().name(),
        printable(request.path()),
        watchdogMs);
    answer500("Gantry did not answer the request in time.");
  }

  /** Client text for a log line: at most 200 characters, control characters replaced. */
  static String printable(String s) {
    String clipped = s.length() > 200 ? s.substring(0, 200) + "…" : s;
    StringBuilder b = new StringBuilder(clipped.length());
    clipped.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return b.toString();
  }

  private void answer500(String message) {
    HttpServerResponse response = request.response();
    if (response.ended() || response.closed()) {
      return;
    }
    if (response.headWritten()) {
      request.connection().close();
      return;
    }
    JsonBody.closeAfter(response);
    Responses.error(response, ApiError.internal(message));
  }
}
