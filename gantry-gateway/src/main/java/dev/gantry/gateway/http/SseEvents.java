package dev.gantry.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;

/**
 * Writes named server-sent events ({@code event: <type>} and one {@code data:} line) for the
 * inbound APIs whose streams name their events (Responses, Messages). Headers go out with the first
 * event, so a failure before it can still be an ordinary HTTP error. Owned by one request; used on
 * its event loop only.
 */
final class SseEvents {
  private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

  private final HttpServerResponse response;
  private final BatchedWrites writes;
  private final Runnable beforeFirstByte;
  private boolean started;
  private boolean ended;

  SseEvents(HttpServerResponse response, Runnable beforeFirstByte) {
    this.response = response;
    this.writes = new BatchedWrites(response);
    this.beforeFirstByte = beforeFirstByte;
  }

  /** Writes one event; {@code data} is written as compact JSON. */
  void write(String type, JsonNode data) {
    if (ended || response.closed()) {
      return;
    }
    writes.write(frame(type, data));
  }

  /** Writes one event whose data is already JSON text (an upstream's own event). */
  void writeRaw(String type, String data) {
    if (ended || response.closed()) {
      return;
    }
    start();
    byte[] json = data.getBytes(StandardCharsets.UTF_8);
    Buffer frame = Buffer.buffer(json.length + 32);
    if (type != null) {
      frame.appendBytes(EVENT).appendString(type).appendBytes(DATA);
    } else {
      frame.appendBytes(DATA, 1, DATA.length - 1);
    }
    writes.write(frame.appendBytes(json).appendBytes(END));
  }

  /** Writes a last event (or none when {@code type} is null) and ends the response. */
  void end(String type, JsonNode data) {
    if (ended) {
      return;
    }
    ended = true;
    if (response.closed()) {
      return;
    }
    if (type == null) {
      start();
      writes.end(null);
    } else {
      writes.end(frame(type, data));
    }
  }

  private Buffer frame(String type, JsonNode data) {
    start();
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    byte[] json = Json.toBytes(data);
    return Buffer.buffer(name.length + json.length + 16)
        .appendBytes(EVENT)
        .appendBytes(name)
        .appendBytes(DATA)
        .appendBytes(json)
        .appendBytes(END);
  }

  private void start() {
    if (!started) {
      started = true;
      beforeFirstByte.run();
      response
          .setChunked(true)
          .putHeader("content-type", "text/event-stream; charset=utf-8")
          .putHeader("cache-control", "no-cache")
          .putHeader("x-accel-buffering", "no");
    }
  }

  boolean started() {
    return started;
  }

  boolean ended() {
    return ended;
  }

  /** Marks the stream ended without writing (the error went out as a plain response). */
  void abandon() {
    ended = true;
  }

  boolean closed() {
    return ended || response.closed();
  }

  boolean writeQueueFull() {
    return !ended && response.writeQueueFull();
  }

  void onDrain(Runnable resume) {
    response.drainHandler(v -> resume.run());
  }
}
