package dev.gantry.gateway.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ApiException;
import dev.gantry.core.api.Json;
import dev.gantry.core.config.ProviderConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OpenAI {@code /v1/embeddings} to the providers that serve embeddings: OpenAI, OpenAI-compatible
 * servers and Azure get the body with the model replaced and their answer is passed back untouched;
 * Gemini gets {@code batchEmbedContents} ({@link GeminiEmbeddings}). Stateless.
 */
public final class EmbeddingsTranslator {
  private EmbeddingsTranslator() {}

  /**
   * @throws ApiException (400) when the provider type serves no embeddings
   */
  public static UpstreamRequest request(
      ObjectNode original, ProviderConfig provider, String model) {
    ObjectNode body = original.deepCopy();
    body.put("model", model);
    switch (provider.type()) {
      case AZURE:
        return new UpstreamRequest(
            OpenAiToAzureTranslator.url(provider, model, "embeddings"),
            OpenAiToAzureTranslator.headers(provider),
            Json.toBytes(body));
      case GEMINI:
        return GeminiEmbeddings.request(original, provider, model);
      case OPENAI:
      case OPENAI_COMPATIBLE:
        Map<String, String> headers = new LinkedHashMap<>(provider.headers());
        if (provider.apiKey() != null) {
          headers.put("authorization", "Bearer " + provider.apiKey().reveal());
        }
        return new UpstreamRequest(provider.baseUrl() + "/embeddings", headers, Json.toBytes(body));
      default:
        throw new ApiException(
            ApiError.invalid(
                "Provider '"
                    + provider.name()
                    + "' ("
                    + provider.type().configName()
                    + ") serves no embeddings.",
                "model",
                "embeddings_not_supported"));
    }
  }

  /** Errors from embedding upstreams are OpenAI-shaped. */
  public static ApiError error(int status, byte[] body) {
    return OpenAiToOpenAiTranslator.openAiError(status, body);
  }

  /** The error a provider's failed embeddings call shows the client. */
  public static ApiError error(ProviderConfig provider, int status, byte[] body) {
    return provider.type() == dev.gantry.core.config.ProviderType.GEMINI
        ? Translators.chat(provider.type()).error(status, body)
        : error(status, body);
  }

  /**
   * The upstream's answer as an OpenAI embeddings list: passed back untouched, except Gemini's,
   * which is translated.
   */
  public static ObjectNode response(
      ProviderConfig provider, ObjectNode answer, String model, ObjectNode original) {
    return provider.type() == dev.gantry.core.config.ProviderType.GEMINI
        ? GeminiEmbeddings.response(answer, model, original)
        : answer;
  }
}
