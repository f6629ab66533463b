package dev.gantry.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.pipeline.ChunkSink;
import dev.gantry.core.pipeline.PassthroughSink;
import dev.gantry.core.time.Ticker;
import dev.gantry.gateway.guard.ForwardingSinkBase;

/**
 * Notes when the first chunk of a stream goes to the client (for time to first token), whether the
 * stream is reshaped or an upstream's own events pass through. One per request; event-loop thread
 * only.
 */
final class FirstChunkSink extends ForwardingSinkBase {
  private final Ticker ticker;
  private long firstNanos = -1;

  FirstChunkSink(ChunkSink next, Ticker ticker) {
    super(next);
    this.ticker = ticker;
  }

  /** Ticker time of the first chunk, or -1 when none was sent. */
  long firstNanos() {
    return firstNanos;
  }

  private void mark() {
    if (firstNanos < 0) {
      firstNanos = ticker.nanos();
    }
  }

  @Override
  public void send(ObjectNode chunk) {
    mark();
    next.send(chunk);
  }

  @Override
  public PassthroughSink passthrough() {
    PassthroughSink inner = next.passthrough();
    if (inner == null) {
      return null;
    }
    return (event, data) -> {
      mark();
      inner.forward(event, data);
    };
  }
}
