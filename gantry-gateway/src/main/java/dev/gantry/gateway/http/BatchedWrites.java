package dev.gantry.gateway.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes a streamed response so that what is written during one task of the event loop (all the
 * events parsed from one read of the upstream) goes out as one write at the end of that task: a
 * write and flush per event was most of a stream's cost when an upstream's read held many events.
 * The order of the bytes is kept; the end of the response carries what is still waiting. Owned by
 * one response, used on its event loop only.
 */
final class BatchedWrites {
  private final HttpServerResponse response;

  /** Bytes written but not yet handed to the response; null when none. */
  private Buffer pending;

  BatchedWrites(HttpServerResponse response) {
    this.response = response;
  }

  /** Writes {@code bytes} at the end of the current task (at once off the event loop). */
  void write(Buffer bytes) {
    if (pending != null) {
      pending.appendBuffer(bytes);
      return;
    }
    Context context = Vertx.currentContext();
    if (context == null) {
      response.write(bytes);
      return;
    }
    pending = bytes;
    context.runOnContext(v -> flush());
  }

  /** Ends the response with what is waiting followed by {@code last} (null for nothing more). */
  void end(Buffer last) {
    Buffer out = pending;
    pending = null;
    if (out == null) {
      if (last == null) {
        response.end();
      } else {
        response.end(last);
      }
    } else {
      response.end(last == null ? out : out.appendBuffer(last));
    }
  }

  private void flush() {
    Buffer out = pending;
    pending = null;
    if (out != null && !response.ended() && !response.closed()) {
      response.write(out);
    }
  }
}
