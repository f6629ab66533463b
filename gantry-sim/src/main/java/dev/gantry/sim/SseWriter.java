package dev.gantry.sim;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;

/**
 * Writes a list of server-sent events with precomputed delays, coalescing events that are due at
 * the same time into one write. Optionally closes the connection abruptly after a number of events.
 * Confined to the request's event loop; stops when the client goes away.
 */
final class SseWriter {
  private final Call call;
  private final List<? extends StreamFrame> events;
  private final long[] delays;
  private final int resetAfter;
  private boolean started;

  /**
   * @param delays milliseconds to wait before each event (the first is waited by the caller)
   * @param resetAfter close the connection after this many events, or -1 to end normally
   */
  SseWriter(Call call, List<? extends StreamFrame> events, long[] delays, int resetAfter) {
    this.call = call;
    this.events = events;
    this.delays = delays;
    this.resetAfter = resetAfter;
  }

  void start() {
    step(0);
  }

  private void step(int from) {
    HttpServerResponse response = call.response();
    if (response.closed()) {
      return;
    }
    if (!started) {
      started = true;
      response
          .setStatusCode(200)
          .setChunked(true)
          .putHeader(
              "content-type", events.isEmpty() ? "text/event-stream" : events.get(0).contentType())
          .putHeader("cache-control", "no-cache");
    }
    Buffer out = Buffer.buffer(256);
    int next = from;
    while (next < events.size() && next != resetAfter) {
      events.get(next).appendTo(out);
      next++;
      if (next < events.size() && delays[next] > 0) {
        break;
      }
    }
    if (next == resetAfter) {
      response.write(out).onComplete(done -> call.request.connection().close());
      return;
    }
    if (next >= events.size()) {
      response.end(out);
      return;
    }
    response.write(out);
    int resume = next;
    call.vertx.setTimer(delays[resume], id -> step(resume));
  }
}
