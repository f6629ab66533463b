package dev.gantry.gateway.providers;

import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.pipeline.PassthroughSink;

/**
 * A translator for an upstream that speaks the client's own API: the client's body goes up
 * unchanged (model replaced), the answer comes back both as the canonical completion the stages
 * read and, unchanged, for the client. Stateless per attempt.
 */
public interface NativeTranslator extends ChatTranslator {

  /**
   * A converter for one stream whose upstream events also go to {@code sink} unchanged; the
   * canonical chunks it makes are only counted (usage, end of stream), not sent.
   */
  StreamTranslator passthrough(ChatRequest original, PassthroughSink sink);
}
