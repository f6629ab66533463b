package dev.gantry.gateway.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ApiException;
import dev.gantry.core.api.Json;
import dev.gantry.core.config.ProviderConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OpenAI {@code /v1/embeddings} to the OpenAI-style providers that serve embeddings (OpenAI,
 * OpenAI-compatible servers and Azure). The body is forwarded with the model replaced; the answer
 * is passed back untouched. Stateless.
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
}
