package dev.gantry.gateway.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;

/**
 * Converts one upstream server-sent-event stream into OpenAI {@code chat.completion.chunk} objects.
 * Owned by one attempt; not thread-safe.
 */
public interface StreamTranslator {

  /**
   * Feeds one SSE event.
   *
   * @param event the {@code event:} field, or null when absent
   * @param data the {@code data:} field (lines joined by {@code \n})
   * @param out receives zero or more OpenAI chunk objects, in order
   * @throws UpstreamFailure when the event reports an error or cannot be parsed
   */
  void onEvent(String event, String data, Consumer<ObjectNode> out);

  /** True once the upstream has signalled the normal end of the stream. */
  boolean finished();

  /** Token usage reported by the upstream so far, or null when none was reported. */
  default dev.gantry.core.api.Usage usage() {
    return null;
  }
}
