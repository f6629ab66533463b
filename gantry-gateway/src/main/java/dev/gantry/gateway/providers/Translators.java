package dev.gantry.gateway.providers;

import dev.gantry.core.config.ProviderType;

/** The translator for each provider type. Shared and thread-safe. */
public final class Translators {
  private static final ChatTranslator OPENAI = new OpenAiToOpenAiTranslator();
  private static final ChatTranslator AZURE = new OpenAiToAzureTranslator();
  private static final ChatTranslator ANTHROPIC = new OpenAiToAnthropicTranslator();

  private Translators() {}

  public static ChatTranslator chat(ProviderType type) {
    switch (type) {
      case AZURE:
        return AZURE;
      case ANTHROPIC:
        return ANTHROPIC;
      case OPENAI:
      case OPENAI_COMPATIBLE:
      default:
        return OPENAI;
    }
  }
}
