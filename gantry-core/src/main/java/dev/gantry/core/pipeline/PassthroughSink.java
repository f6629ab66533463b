package dev.gantry.core.pipeline;

/**
 * Takes an upstream's stream events unchanged, when the client speaks the upstream's own API and
 * nothing between the upstream and the client changes the stream. Owned by one request; called only
 * on its event-loop thread.
 */
public interface PassthroughSink {

  /**
   * Writes one upstream event to the client as it came.
   *
   * @param event the SSE {@code event:} name, or null
   * @param data the event's data (JSON text)
   */
  void forward(String event, String data);
}
