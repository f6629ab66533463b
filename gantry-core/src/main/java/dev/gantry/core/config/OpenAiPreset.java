package dev.gantry.core.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Ready settings for common OpenAI-compatible providers, so that a configuration names {@code type:
 * groq} and a key and nothing else. Each preset knows the provider's base URL, whether it needs a
 * key, the request fields Gantry drops before sending (the provider rejects or ignores them) and
 * the fields it renames. The wire format stays OpenAI's.
 */
public enum OpenAiPreset {
  MISTRAL(
      "https://api.mistral.ai/v1",
      true,
      Set.of(
          "logit_bias",
          "logprobs",
          "top_logprobs",
          "user",
          "metadata",
          "store",
          "service_tier",
          "stream_options",
          "modalities",
          "audio",
          "reasoning_effort"),
      Map.of("seed", "random_seed", "max_completion_tokens", "max_tokens")),
  GROQ(
      "https://api.groq.com/openai/v1",
      true,
      Set.of(
          "logprobs",
          "top_logprobs",
          "logit_bias",
          "store",
          "metadata",
          "modalities",
          "audio",
          "prediction"),
      Map.of()),
  TOGETHER(
      "https://api.together.xyz/v1",
      true,
      Set.of("store", "metadata", "service_tier", "prediction", "modalities", "audio"),
      Map.of()),
  DEEPSEEK(
      "https://api.deepseek.com/v1",
      true,
      Set.of(
          "n",
          "seed",
          "logit_bias",
          "store",
          "metadata",
          "service_tier",
          "parallel_tool_calls",
          "prediction",
          "modalities",
          "audio",
          "reasoning_effort"),
      Map.of("max_completion_tokens", "max_tokens")),
  FIREWORKS(
      "https://api.fireworks.ai/inference/v1",
      true,
      Set.of("store", "metadata", "service_tier", "prediction", "modalities", "audio"),
      Map.of()),
  OPENROUTER("https://openrouter.ai/api/v1", true, Set.of("store", "service_tier"), Map.of()),
  VLLM(
      "http://127.0.0.1:8000/v1",
      false,
      Set.of("store", "metadata", "service_tier", "prediction", "modalities", "audio"),
      Map.of()),
  OLLAMA(
      "http://127.0.0.1:11434/v1",
      false,
      Set.of(
          "logit_bias",
          "user",
          "n",
          "store",
          "metadata",
          "service_tier",
          "prediction",
          "modalities",
          "audio",
          "parallel_tool_calls"),
      Map.of("max_completion_tokens", "max_tokens")),
  LLAMACPP(
      "http://127.0.0.1:8080/v1",
      false,
      Set.of(
          "store",
          "metadata",
          "service_tier",
          "user",
          "prediction",
          "modalities",
          "audio",
          "parallel_tool_calls"),
      Map.of("max_completion_tokens", "max_tokens"));

  private final String baseUrl;
  private final boolean needsKey;
  private final Set<String> dropped;
  private final Map<String, String> renamed;

  OpenAiPreset(String baseUrl, boolean needsKey, Set<String> dropped, Map<String, String> renamed) {
    this.baseUrl = baseUrl;
    this.needsKey = needsKey;
    this.dropped = dropped;
    this.renamed = renamed;
  }

  /** The base URL used when the configuration gives none. */
  public String baseUrl() {
    return baseUrl;
  }

  /** Hosted providers need a key; local servers do not. */
  public boolean needsKey() {
    return needsKey;
  }

  /** Top-level request fields removed before the request is sent. */
  public Set<String> dropped() {
    return dropped;
  }

  /** Top-level request fields sent under another name (OpenAI name to the provider's). */
  public Map<String, String> renamed() {
    return renamed;
  }

  /** The spelling used as {@code type} in {@code gantry.yaml}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The preset called {@code name} in a configuration, or null. */
  public static OpenAiPreset of(String name) {
    for (OpenAiPreset p : values()) {
      if (p.configName().equalsIgnoreCase(name.strip())) {
        return p;
      }
    }
    return null;
  }
}
