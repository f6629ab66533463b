package dev.gantry.gateway.http;

import dev.gantry.core.pipeline.ChunkSink;

/**
 * A sink that writes an inbound API's named events through {@link SseEvents}: the flow-control and
 * state questions are answered by the event writer. One per request; event-loop thread only.
 */
abstract class EventStreamSink implements ChunkSink {
  protected final SseEvents out;

  protected EventStreamSink(SseEvents out) {
    this.out = out;
  }

  @Override
  public boolean started() {
    return out.started();
  }

  @Override
  public boolean closed() {
    return out.closed();
  }

  @Override
  public boolean writeQueueFull() {
    return out.writeQueueFull();
  }

  @Override
  public void onDrain(Runnable resume) {
    out.onDrain(resume);
  }
}
