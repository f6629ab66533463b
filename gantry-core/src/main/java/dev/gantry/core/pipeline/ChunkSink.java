package dev.gantry.core.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;

/**
 * Where the chunks of a streamed chat completion go, already in the OpenAI chunk shape. Owned by
 * one request; called only on that request's event-loop thread.
 */
public interface ChunkSink {

  /** Sends one {@code chat.completion.chunk} object as an SSE event. */
  void send(ObjectNode chunk);

  /**
   * Ends the stream with a last event carrying {@code error} in the OpenAI error shape (no {@code
   * [DONE]} follows, so clients cannot mistake it for a complete answer). If nothing was sent yet,
   * the client gets an ordinary HTTP error response instead.
   */
  void fail(ApiError error);

  /** Ends the stream with {@code data: [DONE]}. */
  void end();

  /** True once a byte of the stream has been written to the client (no more retries then). */
  boolean started();

  /** True when the stream has ended or the client went away; producers should stop. */
  boolean closed();

  /**
   * True when the client reads more slowly than chunks arrive and the write buffer is full; the
   * producer should pause until {@link #onDrain} calls back.
   */
  default boolean writeQueueFull() {
    return false;
  }

  /** Calls {@code resume} once the write buffer has room again. */
  default void onDrain(Runnable resume) {
    resume.run();
  }

  /**
   * Where an upstream's own events may go unchanged, or null when this sink (or one behind it)
   * reshapes the stream, as output checks do. A sink that only watches the stream passes the
   * question on.
   */
  default PassthroughSink passthrough() {
    return null;
  }
}
