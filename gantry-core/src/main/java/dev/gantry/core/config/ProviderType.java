package dev.gantry.core.config;

/** The wire protocol of an upstream provider. */
public enum ProviderType {
  /** api.openai.com: Bearer auth, {@code /chat/completions} under the base URL. */
  OPENAI,
  /** Azure OpenAI: deployment in the path, {@code api-version} query, {@code api-key} header. */
  AZURE,
  /** Anthropic Messages API ({@code /v1/messages}). */
  ANTHROPIC,
  /** Any OpenAI-compatible server (vLLM, Ollama, llama.cpp server, TGI, gantry sim). */
  OPENAI_COMPATIBLE,
  /**
   * Google Gemini, the Generative Language API: {@code models/<model>:generateContent} and {@code
   * :streamGenerateContent} under the base URL, key in {@code x-goog-api-key}.
   */
  GEMINI,
  /**
   * AWS Bedrock's Converse and ConverseStream APIs, signed with SigV4; credentials from the
   * standard AWS chain.
   */
  BEDROCK,
  /**
   * No model: answers with the best-supported sentences of the route's retrieved sources, or says
   * it does not know. Needs a route with {@code rag}; no base URL.
   */
  EXTRACTIVE;

  /** True for providers reached over HTTP. */
  public boolean remote() {
    return this != EXTRACTIVE;
  }

  /** The spelling used in {@code gantry.yaml}. */
  public String configName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
