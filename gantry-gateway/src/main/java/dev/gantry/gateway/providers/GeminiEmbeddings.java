package dev.gantry.gateway.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ApiException;
import dev.gantry.core.api.Json;
import dev.gantry.core.config.ProviderConfig;
import dev.gantry.core.tokens.TokenCounter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OpenAI {@code /v1/embeddings} to Gemini's {@code models/<model>:batchEmbedContents} (one request
 * per input text, {@code dimensions} as {@code outputDimensionality}) and Gemini's {@code
 * embeddings[].values} back as an OpenAI embeddings list. Gemini reports no token counts, so the
 * usage is Gantry's own count ({@code o200k_base}). Stateless.
 */
final class GeminiEmbeddings {
  private static final TokenCounter TOKENS = TokenCounter.defaultCounter();

  private GeminiEmbeddings() {}

  static UpstreamRequest request(ObjectNode original, ProviderConfig provider, String model) {
    JsonNode input = original.get("input");
    ArrayNode texts = Json.MAPPER.createArrayNode();
    if (input.isTextual()) {
      texts.add(input);
    } else {
      for (JsonNode item : input) {
        if (!item.isTextual()) {
          throw new ApiException(
              ApiError.invalid(
                  "Gemini embeddings take text inputs, not token arrays.",
                  "input",
                  "unsupported_value"));
        }
        texts.add(item);
      }
    }
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode requests = body.putArray("requests");
    for (JsonNode text : texts) {
      ObjectNode r = requests.addObject();
      r.put("model", "models/" + model);
      r.putObject("content").putArray("parts").addObject().set("text", text);
      if (original.hasNonNull("dimensions")) {
        r.set("outputDimensionality", original.get("dimensions"));
      }
    }
    Map<String, String> headers = new LinkedHashMap<>(provider.headers());
    if (provider.apiKey() != null) {
      headers.put("x-goog-api-key", provider.apiKey().reveal());
    }
    String uri =
        provider.baseUrl()
            + "/v1beta/models/"
            + URLEncoder.encode(model, StandardCharsets.UTF_8)
            + ":batchEmbedContents";
    return new UpstreamRequest(uri, headers, Json.toBytes(body));
  }

  /** Tokens of the request's input texts. */
  private static long count(JsonNode input) {
    if (input == null) {
      return 0;
    }
    if (input.isTextual()) {
      return TOKENS.count(input.asText());
    }
    long n = 0;
    for (JsonNode t : input) {
      n += TOKENS.count(t.asText());
    }
    return n;
  }

  static ObjectNode response(ObjectNode answer, String model, ObjectNode original) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("object", "list");
    ArrayNode data = out.putArray("data");
    int index = 0;
    for (JsonNode e : answer.path("embeddings")) {
      ObjectNode item = data.addObject();
      item.put("object", "embedding");
      item.put("index", index++);
      item.set("embedding", e.path("values"));
    }
    out.put("model", model);
    ObjectNode usage = out.putObject("usage");
    long tokens = count(original.get("input"));
    usage.put("prompt_tokens", tokens);
    usage.put("total_tokens", tokens);
    return out;
  }
}
