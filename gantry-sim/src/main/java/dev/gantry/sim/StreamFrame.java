package dev.gantry.sim;

import io.vertx.core.buffer.Buffer;

/** One unit of a streamed answer: a server-sent event or a binary AWS event-stream message. */
interface StreamFrame {
  /** True for a frame carrying generated content, paced by the inter-token delay. */
  boolean token();

  /** The same frame damaged so that a client cannot parse it. */
  StreamFrame malformed();

  void appendTo(Buffer out);

  /** The response's content type when this kind of frame is streamed. */
  default String contentType() {
    return "text/event-stream; charset=utf-8";
  }
}
