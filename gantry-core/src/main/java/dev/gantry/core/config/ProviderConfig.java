package dev.gantry.core.config;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * One upstream provider ({@code providers.<name>} in {@code gantry.yaml}).
 *
 * @param name the key under {@code providers}
 * @param baseUrl for OpenAI-style providers the URL that {@code /chat/completions} is appended to
 *     (e.g. {@code https://api.openai.com/v1}); for Azure the resource URL; for Anthropic the URL
 *     that {@code /v1/messages} is appended to
 * @param apiKey null when the upstream needs none
 * @param apiVersion Azure's {@code api-version}, or Anthropic's {@code anthropic-version}; null for
 *     others
 * @param headers extra headers sent with every request (values may come from the environment)
 * @param http2 negotiate HTTP/2 (ALPN over TLS, prior knowledge over cleartext)
 * @param maxConnections size of the keep-alive connection pool per event loop
 * @param caFile PEM CA bundle that the upstream's TLS certificate must chain to, in place of the
 *     JVM's default trust store; null for the default. Certificates and host names are always
 *     verified.
 * @param region the AWS region Bedrock requests are signed for; null for other types
 * @param preset the OpenAI-compatible provider this one is ({@code type: groq}…), or null
 */
public record ProviderConfig(
    String name,
    ProviderType type,
    URI baseUrl,
    Secret apiKey,
    String apiVersion,
    Map<String, String> headers,
    boolean http2,
    int maxConnections,
    Timeouts timeouts,
    java.nio.file.Path caFile,
    String region,
    OpenAiPreset preset) {
  /** {@code max_connections} when {@code gantry.yaml} does not say. */
  public static final int DEFAULT_MAX_CONNECTIONS = 64;

  /** {@code api_version} (the {@code anthropic-version} header) for Anthropic when not set. */
  public static final String DEFAULT_ANTHROPIC_VERSION = "2023-06-01";

  public ProviderConfig(
      String name,
      ProviderType type,
      URI baseUrl,
      Secret apiKey,
      String apiVersion,
      Map<String, String> headers,
      boolean http2,
      int maxConnections,
      Timeouts timeouts) {
    this(name, type, baseUrl, apiKey, apiVersion, headers, http2, maxConnections, timeouts, null);
  }

  public ProviderConfig(
      String name,
      ProviderType type,
      URI baseUrl,
      Secret apiKey,
      String apiVersion,
      Map<String, String> headers,
      boolean http2,
      int maxConnections,
      Timeouts timeouts,
      java.nio.file.Path caFile) {
    this(
        name,
        type,
        baseUrl,
        apiKey,
        apiVersion,
        headers,
        http2,
        maxConnections,
        timeouts,
        caFile,
        null,
        null);
  }

  public ProviderConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(baseUrl, "baseUrl");
    headers = Map.copyOf(headers == null ? Map.of() : headers);
    Objects.requireNonNull(timeouts, "timeouts");
    if (maxConnections < 1) {
      throw new IllegalArgumentException(
          "providers." + name + ".max_connections must be >= 1, was " + maxConnections);
    }
  }

  @Override
  public String toString() {
    return "ProviderConfig[name="
        + name
        + ", type="
        + type.configName()
        + ", baseUrl="
        + baseUrl
        + ", apiKey="
        + (apiKey == null ? "none" : "****")
        + ", http2="
        + http2
        + "]";
  }
}
