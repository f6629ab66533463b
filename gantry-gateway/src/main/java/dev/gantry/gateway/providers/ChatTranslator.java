package dev.gantry.gateway.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.config.ProviderConfig;

/**
 * Translates between the client's OpenAI chat-completions format and one provider's wire format.
 * One implementation per (client API, provider) pair. Stateless, shared and thread-safe; the
 * per-stream state lives in the {@link StreamTranslator} it creates.
 */
public interface ChatTranslator {

  /**
   * Builds the upstream request for one attempt from the client's original request, which it must
   * not modify (start from {@link ChatRequest#copyJson()}).
   *
   * @param model the upstream model (deployment) name to put in place of the public one
   */
  UpstreamRequest request(ChatRequest original, ProviderConfig provider, String model);

  /**
   * Converts a 2xx, non-streamed upstream body into an OpenAI {@code chat.completion} object.
   *
   * @throws UpstreamFailure when the body is not a valid answer
   */
  ObjectNode response(byte[] body, ChatRequest original);

  /** A fresh converter for one streamed response. */
  StreamTranslator stream(ChatRequest original);

  /**
   * Splits the upstream's streamed body into events for the {@link StreamTranslator}: server-sent
   * events unless the provider frames its stream otherwise.
   */
  default FrameParser frames(SseParser.Listener listener) {
    return new SseParser(listener);
  }

  /**
   * Converts a non-2xx upstream response into the error shown to the client. The status is kept for
   * 4xx errors that describe the client's request; the error's {@code type} is {@code
   * upstream_error}.
   */
  ApiError error(int status, byte[] body);
}
