package dev.gantry.gateway.providers;

/**
 * Splits a streamed upstream body into events as bytes arrive, in any fragmentation, and hands each
 * complete event to a {@link SseParser.Listener}. Owned by one stream; not thread-safe.
 */
public interface FrameParser {

  /**
   * Feeds the next bytes of the stream.
   *
   * @throws IllegalStateException when the bytes cannot be a valid stream
   */
  void feed(byte[] bytes, int offset, int length);

  /** The body ended: delivers what is complete, complains about what is not. */
  void finish();
}
