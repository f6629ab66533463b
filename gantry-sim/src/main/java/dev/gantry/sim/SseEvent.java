package dev.gantry.sim;

import io.vertx.core.buffer.Buffer;

/**
 * One server-sent event: optional {@code event:} name and one {@code data:} line.
 *
 * @param token true for an event carrying generated content, which is paced by the inter-token
 *     delay
 */
record SseEvent(String event, String data, boolean token) implements StreamFrame {

  static SseEvent data(String data, boolean token) {
    return new SseEvent(null, data, token);
  }

  /** The same event with its data cut in half, so it is no longer valid JSON. */
  @Override
  public SseEvent malformed() {
    return new SseEvent(event, data.substring(0, Math.max(1, data.length() / 2)), token);
  }

  @Override
  public void appendTo(Buffer out) {
    if (event != null) {
      out.appendString("event: ").appendString(event).appendString("\n");
    }
    out.appendString("data: ").appendString(data).appendString("\n\n");
  }
}
