package dev.gantry.gateway.providers;

import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.eventstream.MessageDecoder;

/**
 * Splits an AWS event stream ({@code application/vnd.amazon.eventstream}: length-prefixed binary
 * messages with headers and CRC checks, decoded by the AWS SDK's decoder) into events: an event
 * message is delivered as its {@code :event-type} and JSON payload, an exception message as {@code
 * exception:<:exception-type>} and its payload. A CRC mismatch is an invalid stream. Owned by one
 * stream; not thread-safe.
 */
final class AwsEventStreamParser implements FrameParser {
  static final String EXCEPTION = "exception:";

  private final MessageDecoder decoder;

  AwsEventStreamParser(SseParser.Listener listener) {
    this.decoder = new MessageDecoder(message -> deliver(message, listener));
  }

  private static void deliver(Message message, SseParser.Listener listener) {
    String kind = header(message, ":message-type");
    String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
    if ("exception".equals(kind) || "error".equals(kind)) {
      String type = header(message, ":exception-type");
      listener.onEvent(EXCEPTION + (type == null ? header(message, ":error-code") : type), payload);
    } else {
      listener.onEvent(header(message, ":event-type"), payload);
    }
  }

  private static String header(Message message, String name) {
    HeaderValue value = message.getHeaders().get(name);
    return value == null ? null : value.getString();
  }

  @Override
  public void feed(byte[] bytes, int offset, int length) {
    try {
      decoder.feed(bytes, offset, length);
    } catch (RuntimeException e) {
      throw new IllegalStateException("invalid AWS event stream: " + e.getMessage(), e);
    }
  }

  @Override
  public void finish() {
    // A message cut off at the end is simply never delivered; the translator sees no stop.
  }
}
