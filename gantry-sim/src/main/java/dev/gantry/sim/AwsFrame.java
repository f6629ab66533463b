package dev.gantry.sim;

import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/**
 * One message of an AWS event stream ({@code application/vnd.amazon.eventstream}), encoded with the
 * AWS SDK's encoder: prelude, headers ({@code :event-type}, {@code :content-type}, {@code
 * :message-type}), JSON payload and CRCs.
 */
record AwsFrame(String eventType, String json, boolean token, boolean damaged)
    implements StreamFrame {

  static AwsFrame event(String eventType, String json, boolean token) {
    return new AwsFrame(eventType, json, token, false);
  }

  @Override
  public AwsFrame malformed() {
    return new AwsFrame(eventType, json, token, true);
  }

  @Override
  public void appendTo(Buffer out) {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put(":event-type", HeaderValue.fromString(eventType));
    headers.put(":content-type", HeaderValue.fromString("application/json"));
    headers.put(":message-type", HeaderValue.fromString("event"));
    ByteBuffer encoded = new Message(headers, json.getBytes(StandardCharsets.UTF_8)).toByteBuffer();
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    if (damaged) {
      bytes[bytes.length - 1] ^= 0x5a; // the message CRC no longer matches
    }
    out.appendBytes(bytes);
  }

  @Override
  public String contentType() {
    return "application/vnd.amazon.eventstream";
  }
}
