package dev.gantry.gateway.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.ChatRequest;
import dev.gantry.core.api.Json;
import dev.gantry.core.config.ProviderConfig;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * OpenAI chat completions in, Anthropic Messages API ({@code POST /v1/messages}) out, and back.
 * Stateless, shared and thread-safe. Mapping details live in {@link OpenAiToAnthropicRequest},
 * {@link OpenAiToAnthropicResponse}, {@link OpenAiToAnthropicStream} and {@link
 * OpenAiToAnthropicErrors}.
 */
public final class OpenAiToAnthropicTranslator implements ChatTranslator {
  /** Sent as {@code anthropic-version} when the provider configures no {@code api_version}. */
  public static final String DEFAULT_VERSION = "2023-06-01";

  private final Clock clock;

  public OpenAiToAnthropicTranslator() {
    this(Clock.systemUTC());
  }

  /**
   * @param clock source of the {@code created} timestamps (epoch seconds)
   */
  OpenAiToAnthropicTranslator(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public UpstreamRequest request(ChatRequest original, ProviderConfig provider, String model) {
    return messagesRequest(provider, Json.toBytes(OpenAiToAnthropicRequest.body(original, model)));
  }

  /** A {@code POST /v1/messages} with the provider's version, key and configured headers. */
  static UpstreamRequest messagesRequest(ProviderConfig provider, byte[] body) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.put("content-type", "application/json");
    headers.put(
        "anthropic-version",
        provider.apiVersion() == null ? DEFAULT_VERSION : provider.apiVersion());
    if (provider.apiKey() != null) {
      headers.put("x-api-key", provider.apiKey().reveal());
    }
    headers.putAll(provider.headers()); // configured headers (e.g. anthropic-beta) win
    String base = provider.baseUrl().toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return new UpstreamRequest(base + "/v1/messages", headers, body);
  }

  @Override
  public ObjectNode response(byte[] body, ChatRequest original) {
    return OpenAiToAnthropicResponse.completion(
        body, clock.instant().getEpochSecond(), original.model());
  }

  @Override
  public StreamTranslator stream(ChatRequest original) {
    return new OpenAiToAnthropicStream(clock, original.includeUsage(), original.model());
  }

  @Override
  public ApiError error(int status, byte[] body) {
    return OpenAiToAnthropicErrors.fromBody(status, body);
  }

  @Override
  public String toString() {
    return "OpenAiToAnthropicTranslator";
  }
}
