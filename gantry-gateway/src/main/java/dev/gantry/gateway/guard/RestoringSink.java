package dev.gantry.gateway.guard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Puts redacted values back into a streamed answer: placeholders such as {@code [EMAIL_1]} are
 * replaced by the originals, also when a placeholder arrives split over several chunks (an
 * unfinished {@code [...} of up to {@value #MAX_PLACEHOLDER} characters is held back until it is
 * complete). One per request; event-loop thread only.
 */
final class RestoringSink extends ForwardingSinkBase {
  static final int MAX_PLACEHOLDER = 32;

  private final Map<String, String> restore;
  private String carry = "";
  private ObjectNode template;

  RestoringSink(dev.gantry.core.pipeline.ChunkSink next, Map<String, String> restore) {
    super(next);
    this.restore = Map.copyOf(restore);
  }

  @Override
  public void send(ObjectNode chunk) {
    String delta = Chunks.content(chunk);
    if (delta == null) {
      flush();
      next.send(chunk);
      return;
    }
    template = chunk;
    String text = carry + delta;
    int open = text.lastIndexOf('[');
    int cut = text.length();
    if (open >= 0 && text.indexOf(']', open) < 0 && text.length() - open <= MAX_PLACEHOLDER) {
      cut = open;
    }
    carry = text.substring(cut);
    String out = replace(text.substring(0, cut));
    if (!out.isEmpty() || !Chunks.contentOnly(chunk)) {
      next.send(Chunks.withContent(chunk, out));
    }
  }

  private void flush() {
    if (!carry.isEmpty() && template != null) {
      next.send(Chunks.withContent(template, replace(carry)));
    }
    carry = "";
  }

  private String replace(String text) {
    String out = text;
    for (Map.Entry<String, String> e : restore.entrySet()) {
      out = out.replace(e.getKey(), e.getValue());
    }
    return out;
  }

  @Override
  public void end() {
    flush();
    next.end();
  }
}
