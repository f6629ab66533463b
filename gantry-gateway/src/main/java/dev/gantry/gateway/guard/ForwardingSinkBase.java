package dev.gantry.gateway.guard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.pipeline.ChunkSink;

/** A sink that hands everything to another; subclasses intercept what they need. */
public abstract class ForwardingSinkBase implements ChunkSink {
  protected final ChunkSink next;

  protected ForwardingSinkBase(ChunkSink next) {
    this.next = next;
  }

  @Override
  public void send(ObjectNode chunk) {
    next.send(chunk);
  }

  @Override
  public void fail(ApiError error) {
    next.fail(error);
  }

  @Override
  public void end() {
    next.end();
  }

  @Override
  public boolean started() {
    return next.started();
  }

  @Override
  public boolean closed() {
    return next.closed();
  }

  @Override
  public boolean writeQueueFull() {
    return next.writeQueueFull();
  }

  @Override
  public void onDrain(Runnable resume) {
    next.onDrain(resume);
  }
}
