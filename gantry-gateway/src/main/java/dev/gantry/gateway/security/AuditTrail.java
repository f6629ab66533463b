package dev.gantry.gateway.security;

import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.security.Principal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one audit record of one authenticated API request, whatever its outcome. A handler that
 * records the outcome itself (chat, embeddings) {@link #claim claims} the trail and writes through
 * {@link #record} or {@link #recordCall}, holding its answer until the record commits; a second
 * write is a no-op. For anything else — a refusal at the edge (invalid body, 403, 413, 408), a
 * retrieval, an unknown URL, a client that went away — {@link #settle} writes the record when the
 * response ends or the connection closes. Status 499 means the client closed the connection before
 * the answer. One per request; thread-safe.
 */
public final class AuditTrail {
  private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

  /** The status recorded for a request whose client went away before it was answered. */
  public static final int CLIENT_CLOSED = 499;

  private final AuditRecorder recorder;
  private final Principal who;
  private final String requestId;
  private final String endpoint;
  private final String customer;
  private final AtomicBoolean written = new AtomicBoolean();
  private volatile boolean claimed;
  private volatile String route;
  private volatile String traceId;

  /**
   * @param endpoint the request's path, recorded for requests outside the chat pipeline
   * @param customer the end customer named by {@code x-gantry-customer}, or null
   */
  public AuditTrail(
      AuditRecorder recorder, Principal who, String requestId, String endpoint, String customer) {
    this.recorder = recorder;
    this.who = who;
    this.requestId = requestId;
    this.endpoint = endpoint;
    this.customer = customer;
  }

  /** The route (public model name) the request named, once known. */
  public void route(String name) {
    this.route = name;
  }

  /**
   * The trace id of the client's {@code traceparent}, or null; recorded for requests outside the
   * chat pipeline (a chat record carries its exchange's trace).
   */
  public void traceId(String id) {
    this.traceId = id;
  }

  /** The handler will write the record itself; {@link #settle} then leaves it alone. */
  public void claim() {
    claimed = true;
  }

  /** Whether the record was written (or is being written). */
  public boolean written() {
    return written.get();
  }

  /**
   * Writes the record of a chat exchange, once. The future completes when it is committed; a later
   * call writes nothing and completes at once with -1.
   */
  public CompletableFuture<Long> record(Exchange exchange, int status, long latencyMillis) {
    if (!written.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(-1L);
    }
    return recorder.record(exchange, status, latencyMillis);
  }

  /** Writes the record of a call outside the chat pipeline (embeddings), once. */
  public CompletableFuture<Long> recordCall(
      String callCustomer,
      String callRoute,
      String deployment,
      int status,
      long promptTokens,
      long latencyMillis) {
    if (!written.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(-1L);
    }
    return recorder.recordCall(
        who,
        requestId,
        callCustomer,
        callRoute,
        deployment,
        status,
        promptTokens,
        latencyMillis,
        traceId);
  }

  /**
   * Called when the response ended ({@code status} is what was sent) or the connection closed
   * before it did ({@link #CLIENT_CLOSED}): writes the record unless a handler claimed the trail or
   * it was written. Does not wait; a failure to write is logged.
   */
  public void settle(int status, long latencyMillis) {
    if (claimed || !written.compareAndSet(false, true)) {
      return;
    }
    recorder
        .recordEdge(who, requestId, customer, route, endpoint, status, latencyMillis, traceId)
        .whenComplete(
            (seq, failure) -> {
              if (failure != null) {
                LOG.error(
                    "{}: the audit record of a {} answer could not be written: {}",
                    requestId,
                    status,
                    failure.toString());
              }
            });
  }
}
