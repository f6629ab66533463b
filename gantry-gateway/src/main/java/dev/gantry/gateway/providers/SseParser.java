package dev.gantry.gateway.providers;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a server-sent-event byte stream into events as bytes arrive, in any fragmentation. Lines
 * end in LF, CRLF or CR; {@code data:} lines of one event are joined with LF; comments and {@code
 * id:}/{@code retry:} fields are ignored. Owned by one stream; not thread-safe.
 */
public final class SseParser implements FrameParser {

  /** Receives each complete event. */
  @FunctionalInterface
  public interface Listener {
    void onEvent(String event, String data);
  }

  /** Longest line accepted, in bytes; a longer one means a broken upstream. */
  static final int MAX_LINE = 16 * 1024 * 1024;

  private final Listener listener;
  private byte[] line = new byte[512];
  private int lineLength;
  private boolean lastWasCr;
  private String event;
  private StringBuilder data;

  public SseParser(Listener listener) {
    this.listener = listener;
  }

  /** Feeds the next bytes of the stream. */
  @Override
  public void feed(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      byte b = bytes[i];
      if (b == '\n') {
        if (lastWasCr) {
          lastWasCr = false;
          continue;
        }
        endLine();
      } else if (b == '\r') {
        lastWasCr = true;
        endLine();
      } else {
        lastWasCr = false;
        if (lineLength == line.length) {
          if (line.length >= MAX_LINE) {
            throw new IllegalStateException("SSE line longer than " + MAX_LINE + " bytes");
          }
          line = Arrays.copyOf(line, line.length * 2);
        }
        line[lineLength++] = b;
      }
    }
  }

  /** Delivers a last event that was not followed by a blank line. */
  @Override
  public void finish() {
    if (lineLength > 0) {
      endLine();
    }
    dispatch();
  }

  private void endLine() {
    if (lineLength == 0) {
      dispatch();
      return;
    }
    String text = new String(line, 0, lineLength, StandardCharsets.UTF_8);
    lineLength = 0;
    if (text.charAt(0) == ':') {
      return;
    }
    int colon = text.indexOf(':');
    String field = colon < 0 ? text : text.substring(0, colon);
    String value = colon < 0 ? "" : text.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    if ("data".equals(field)) {
      if (data == null) {
        data = new StringBuilder(value);
      } else {
        data.append('\n').append(value);
      }
    } else if ("event".equals(field)) {
      event = value;
    }
  }

  private void dispatch() {
    if (data != null) {
      String e = event;
      String d = data.toString();
      event = null;
      data = null;
      listener.onEvent(e, d);
    } else {
      event = null;
    }
  }
}
