package dev.gantry.gateway.providers;

import dev.gantry.core.config.ProviderConfig;
import dev.gantry.core.config.ProviderType;
import dev.gantry.core.pipeline.Exchange;
import dev.gantry.core.pipeline.NativeRequest;
import java.time.Clock;

/**
 * Picks the translator for one attempt: the upstream's own API, unchanged, when the client spoke it
 * and no stage rewrote the request (so what the stages changed is always what the upstream sees);
 * otherwise the canonical translation for the provider type. Stateless.
 */
public final class AttemptTranslators {
  private AttemptTranslators() {}

  public static ChatTranslator of(Exchange exchange, ProviderConfig provider) {
    NativeRequest n = exchange.nativeRequest();
    ChatTranslator canonical = Translators.chat(provider.type());
    if (n == null || exchange.request() != exchange.original()) {
      return canonical;
    }
    if (n.api().equals(NativeRequest.ANTHROPIC_MESSAGES)
        && provider.type() == ProviderType.ANTHROPIC) {
      return new AnthropicToAnthropicTranslator(n.body(), canonical, Clock.systemUTC());
    }
    if (n.api().equals(NativeRequest.OPENAI_RESPONSES)
        && (provider.type() == ProviderType.OPENAI || provider.type() == ProviderType.AZURE)) {
      return new ResponsesToOpenAiTranslator(n.body());
    }
    return canonical;
  }
}
