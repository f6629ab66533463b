package dev.gantry.gateway.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.api.Json;
import dev.gantry.core.config.ProviderConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OpenAI chat format to an OpenAI or OpenAI-compatible server (vLLM, Ollama, llama.cpp server,
 * TGI): the body is forwarded as the client sent it, unknown fields included, with the model
 * replaced. Streams always ask the upstream for usage so Gantry can meter them; the usage chunk
 * reaches the client only when it asked for one. Stateless and thread-safe.
 */
public final class OpenAiToOpenAiTranslator implements ChatTranslator {

  @Override
  public UpstreamRequest request(ChatRequest original, ProviderConfig provider, String model) {
    Map<String, String> headers = new LinkedHashMap<>(provider.headers());
    if (provider.apiKey() != null) {
      headers.put("authorization", "Bearer " + provider.apiKey().reveal());
    }
    byte[] body =
        provider.preset() == null
            ? body(original, model)
            : Json.toBytes(adapt(bodyJson(original, model), provider.preset()));
    return new UpstreamRequest(provider.baseUrl() + "/chat/completions", headers, body);
  }

  /** The body without the fields a preset's provider does not take, and with its renamings. */
  static ObjectNode adapt(ObjectNode body, dev.gantry.core.config.OpenAiPreset preset) {
    for (String field : preset.dropped()) {
      body.remove(field);
    }
    preset
        .renamed()
        .forEach(
            (from, to) -> {
              JsonNode value = body.remove(from);
              if (value != null && !body.has(to)) {
                body.set(to, value);
              }
            });
    return body;
  }

  /** The client's body with the upstream model, and usage requested for streams. */
  static byte[] body(ChatRequest original, String model) {
    return Json.toBytes(bodyJson(original, model));
  }

  static ObjectNode bodyJson(ChatRequest original, String model) {
    ObjectNode body = original.copyJson();
    body.put("model", model);
    if (original.stream()) {
      JsonNode options = body.get("stream_options");
      ObjectNode streamOptions =
          options instanceof ObjectNode o ? o : body.putObject("stream_options");
      streamOptions.put("include_usage", true);
    }
    return body;
  }

  @Override
  public ObjectNode response(byte[] body, ChatRequest original) {
    return parseCompletion(body);
  }

  static ObjectNode parseCompletion(byte[] body) {
    JsonNode node = Json.tryParse(body);
    if (!(node instanceof ObjectNode completion) || !completion.path("choices").isArray()) {
      throw new UpstreamFailure(
          ApiError.upstream(
              502,
              "The upstream returned a body that is not a chat completion.",
              "upstream_invalid_response"));
    }
    return completion;
  }

  @Override
  public StreamTranslator stream(ChatRequest original) {
    return new OpenAiStream(original.includeUsage());
  }

  @Override
  public ApiError error(int status, byte[] body) {
    return openAiError(status, body);
  }

  /** Reads an OpenAI-shaped error body and maps its status for the client. */
  static ApiError openAiError(int status, byte[] body) {
    JsonNode node = Json.tryParse(body);
    JsonNode error = node == null ? null : node.get("error");
    if (error != null && error.isObject()) {
      String code = error.hasNonNull("code") ? error.get("code").asText() : null;
      if (code == null && error.hasNonNull("type")) {
        code = error.get("type").asText();
      }
      return UpstreamErrors.map(status, error.path("message").asText(null), code);
    }
    if (error != null && error.isTextual()) {
      return UpstreamErrors.map(status, error.asText(), null);
    }
    return UpstreamErrors.map(status, null, null);
  }
}
