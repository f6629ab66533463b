package dev.gantry.gateway.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.config.ProviderConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OpenAI chat format to Azure OpenAI: the deployment goes into the path, the API version into the
 * {@code api-version} query parameter and the key into the {@code api-key} header. The body and
 * responses are OpenAI's. Stateless and thread-safe.
 */
public final class OpenAiToAzureTranslator implements ChatTranslator {

  @Override
  public UpstreamRequest request(ChatRequest original, ProviderConfig provider, String model) {
    return new UpstreamRequest(
        url(provider, model, "chat/completions"),
        headers(provider),
        OpenAiToOpenAiTranslator.body(original, model));
  }

  static String url(ProviderConfig provider, String deployment, String operation) {
    return provider.baseUrl()
        + "/openai/deployments/"
        + URLEncoder.encode(deployment, StandardCharsets.UTF_8)
        + "/"
        + operation
        + "?api-version="
        + URLEncoder.encode(provider.apiVersion(), StandardCharsets.UTF_8);
  }

  static Map<String, String> headers(ProviderConfig provider) {
    Map<String, String> headers = new LinkedHashMap<>(provider.headers());
    if (provider.apiKey() != null) {
      headers.put("api-key", provider.apiKey().reveal());
    }
    return headers;
  }

  @Override
  public ObjectNode response(byte[] body, ChatRequest original) {
    return OpenAiToOpenAiTranslator.parseCompletion(body);
  }

  @Override
  public StreamTranslator stream(ChatRequest original) {
    return new OpenAiStream(original.includeUsage());
  }

  @Override
  public ApiError error(int status, byte[] body) {
    return OpenAiToOpenAiTranslator.openAiError(status, body);
  }
}
