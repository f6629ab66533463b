package dev.gantry.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.Json;
import dev.gantry.core.pipeline.ChunkSink;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;

/**
 * Writes a chat completion stream to the client as server-sent events. Headers go out with the
 * first chunk, so failures before it can still become ordinary HTTP errors; the chunks of one
 * event-loop task go out as one write ({@link BatchedWrites}). Owned by one request, used on its
 * event loop only.
 */
final class SseChunkSink implements ChunkSink {
  private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

  private final HttpServerResponse response;
  private final BatchedWrites writes;
  private final Runnable beforeFirstByte;
  private final java.util.function.Consumer<ApiError> plainError;
  private boolean started;
  private boolean ended;

  /**
   * @param beforeFirstByte sets the response headers (status, request id, gateway headers)
   * @param plainError answers with an ordinary JSON error when nothing was streamed yet
   */
  SseChunkSink(
      HttpServerResponse response,
      Runnable beforeFirstByte,
      java.util.function.Consumer<ApiError> plainError) {
    this.response = response;
    this.writes = new BatchedWrites(response);
    this.beforeFirstByte = beforeFirstByte;
    this.plainError = plainError;
  }

  @Override
  public void send(ObjectNode chunk) {
    if (ended || response.closed()) {
      return;
    }
    start();
    byte[] json = Json.toBytes(chunk);
    Buffer event = Buffer.buffer(json.length + 8);
    event.appendBytes(DATA).appendBytes(json).appendBytes(END);
    writes.write(event);
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

  @Override
  public void fail(ApiError error) {
    if (ended) {
      return;
    }
    if (!started) {
      ended = true;
      plainError.accept(error);
      return;
    }
    ended = true;
    if (!response.closed()) {
      byte[] json = error.toBytes();
      writes.end(
          Buffer.buffer(json.length + 8).appendBytes(DATA).appendBytes(json).appendBytes(END));
    }
  }

  @Override
  public void end() {
    if (ended) {
      return;
    }
    ended = true;
    if (!response.closed()) {
      start();
      writes.end(Buffer.buffer(DONE));
    }
  }

  @Override
  public boolean started() {
    return started;
  }

  @Override
  public boolean closed() {
    return ended || response.closed();
  }

  @Override
  public boolean writeQueueFull() {
    return !ended && response.writeQueueFull();
  }

  @Override
  public void onDrain(Runnable resume) {
    response.drainHandler(v -> resume.run());
  }

  boolean ended() {
    return ended;
  }
}
