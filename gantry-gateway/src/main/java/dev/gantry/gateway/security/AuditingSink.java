package dev.gantry.gateway.security;

import dev.gantry.core.api.ApiError;
import dev.gantry.core.pipeline.ChunkSink;
import dev.gantry.core.pipeline.Exchange;
import java.util.function.LongSupplier;

/**
 * Holds back the last event of a stream ({@code [DONE]} or the final error) until the request's
 * audit record is committed, so a client that saw a complete answer can rely on its record
 * existing. If the record cannot be written, the stream ends with an error instead of {@code
 * [DONE]}. One per request; event-loop thread only.
 */
public final class AuditingSink extends dev.gantry.gateway.guard.ForwardingSinkBase {
  private final Exchange exchange;
  private final AuditTrail trail;
  private final LongSupplier latencyMillis;
  private final java.util.concurrent.Executor onLoop;
  private boolean finishing;

  public AuditingSink(
      ChunkSink next,
      Exchange exchange,
      AuditTrail trail,
      LongSupplier latencyMillis,
      java.util.concurrent.Executor onLoop) {
    super(next);
    this.exchange = exchange;
    this.trail = trail;
    this.latencyMillis = latencyMillis;
    this.onLoop = onLoop;
  }

  @Override
  public void end() {
    finish(200, null);
  }

  /** Only holds back the last event, so an upstream's own events may pass. */
  @Override
  public dev.gantry.core.pipeline.PassthroughSink passthrough() {
    return next.passthrough();
  }

  @Override
  public void fail(ApiError error) {
    finish(error.status(), error);
  }

  private void finish(int status, ApiError error) {
    if (finishing) {
      return;
    }
    finishing = true;
    trail
        .record(exchange, status, latencyMillis.getAsLong())
        .whenCompleteAsync(
            (seq, failure) -> {
              if (failure != null) {
                next.fail(AuditFailures.error());
              } else if (error != null) {
                next.fail(error);
              } else {
                next.end();
              }
            },
            onLoop);
  }
}
