package dev.gantry.gateway.providers;

import dev.gantry.core.config.ProviderType;

/** The translator for each provider type. Shared and thread-safe. */
public final class Translators {
  private static final ChatTranslator OPENAI = new OpenAiToOpenAiTranslator();
  private static final ChatTranslator AZURE = new OpenAiToAzureTranslator();
  private static final ChatTranslator ANTHROPIC = new OpenAiToAnthropicTranslator();
  private static final ChatTranslator GEMINI = new OpenAiToGeminiTranslator();
  private static final ChatTranslator BEDROCK = new OpenAiToBedrockTranslator();

  private Translators() {}

  public static ChatTranslator chat(ProviderType type) {
    switch (type) {
      case AZURE:
        return AZURE;
      case ANTHROPIC:
        return ANTHROPIC;
      case GEMINI:
        return GEMINI;
      case BEDROCK:
        return BEDROCK;
      case OPENAI:
      case OPENAI_COMPATIBLE:
      default:
        return OPENAI;
    }
  }
}
