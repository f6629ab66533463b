package dev.gantry.gateway.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.api.Json;
import dev.gantry.core.api.Usage;
import dev.gantry.core.config.ProviderConfig;
import dev.gantry.core.pipeline.PassthroughSink;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Anthropic Messages in, Anthropic Messages out: the client's body goes to the upstream as it was
 * sent (model replaced), so {@code cache_control}, thinking blocks, {@code top_k} and every other
 * Anthropic field reach it intact; the answer is read into the canonical completion for the stages
 * by the same code as {@link OpenAiToAnthropicTranslator}. One per attempt (holds the body).
 */
final class AnthropicToAnthropicTranslator implements NativeTranslator {
  private final ObjectNode body;
  private final ChatTranslator canonical;
  private final Clock clock;

  AnthropicToAnthropicTranslator(ObjectNode body, ChatTranslator canonical, Clock clock) {
    this.body = body;
    this.canonical = canonical;
    this.clock = clock;
  }

  @Override
  public UpstreamRequest request(ChatRequest original, ProviderConfig provider, String model) {
    ObjectNode out = body.deepCopy();
    out.put("model", model);
    return OpenAiToAnthropicTranslator.messagesRequest(provider, Json.toBytes(out));
  }

  @Override
  public ObjectNode response(byte[] answer, ChatRequest original) {
    return OpenAiToAnthropicResponse.completion(
        answer, clock.instant().getEpochSecond(), original.model());
  }

  @Override
  public StreamTranslator stream(ChatRequest original) {
    return canonical.stream(original);
  }

  @Override
  public StreamTranslator passthrough(ChatRequest original, PassthroughSink sink) {
    return new Forwarding(canonical.stream(original), sink);
  }

  @Override
  public ApiError error(int status, byte[] answer) {
    return canonical.error(status, answer);
  }

  /** Sends each upstream event on unchanged once the canonical reading accepted it. */
  static final class Forwarding implements StreamTranslator {
    private final StreamTranslator inner;
    private final PassthroughSink sink;

    Forwarding(StreamTranslator inner, PassthroughSink sink) {
      this.inner = inner;
      this.sink = sink;
    }

    @Override
    public void onEvent(String event, String data, Consumer<ObjectNode> out) {
      inner.onEvent(event, data, chunk -> {});
      sink.forward(event, data);
    }

    @Override
    public boolean finished() {
      return inner.finished();
    }

    @Override
    public Usage usage() {
      return inner.usage();
    }
  }
}
