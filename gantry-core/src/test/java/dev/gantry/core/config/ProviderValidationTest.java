package dev.gantry.core.config;

import static dev.gantry.core.config.ConfigValidationTest.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderValidationTest {
  @Test
  void misspelt_provider_type_lists_the_allowed_types() {
    assertThat(
            problems(
                """
                providers:
                  openai: {type: opneai, base_url: "https://api.openai.com/v1", api_key: k}
                routes:
                  m: {deployments: [{provider: openai, model: m}]}
                """))
        .containsExactly(
            "providers.openai.type: 'opneai' is not one of openai, azure, anthropic,"
                + " openai_compatible, gemini, bedrock, extractive, mistral, groq, together, deepseek,"
                + " fireworks, openrouter, vllm, ollama, llamacpp; did you mean 'openai'?");
  }

  @Test
  void base_url_is_required() {
    assertThat(
            problems(
                """
                providers:
                  local: {type: openai_compatible}
                routes:
                  m: {deployments: [{provider: local, model: m}]}
                """))
        .containsExactly(
            "providers.local.base_url: required but missing; expected an http or https URL such"
                + " as https://api.openai.com/v1");
  }

  @Test
  void base_url_with_credentials_or_query_is_rejected_without_echoing_it() {
    List<String> problems =
        problems(
            """
            providers:
              a: {type: openai_compatible, base_url: "https://user:hunter2@h/v1"}
              b: {type: openai_compatible, base_url: "https://h/v1?key=hunter2"}
            routes:
              m: {deployments: [{provider: a, model: m}, {provider: b, model: m}]}
            """);

    assertThat(problems)
        .containsExactly(
            "providers.a.base_url: must not contain credentials (user:password@); use api_key or"
                + " headers",
            "providers.b.base_url: must not have a query or fragment; put keys in api_key or"
                + " headers");
    assertThat(String.join("\n", problems)).doesNotContain("hunter2");
  }

  @Test
  void provider_type_is_required() {
    assertThat(
            problems(
                """
                providers:
                  p: {base_url: "http://h"}
                routes:
                  m: {deployments: [{provider: p, model: m}]}
                """))
        .containsExactly(
            "providers.p.type: required but missing; allowed openai, azure, anthropic,"
                + " openai_compatible, gemini, bedrock, extractive, mistral, groq, together, deepseek,"
                + " fireworks, openrouter, vllm, ollama, llamacpp");
  }

  @Test
  void api_version_rules_depend_on_the_provider_type() {
    assertThat(
            problems(
                """
                providers:
                  az: {type: azure, base_url: "https://x.openai.azure.com", api_key: k}
                  oa: {type: openai, base_url: "https://h", api_key: k, api_version: v1}
                routes:
                  m: {deployments: [{provider: az, model: m}, {provider: oa, model: m}]}
                """))
        .containsExactly(
            "providers.az.api_version: required but missing; expected Azure's api-version, e.g."
                + " 2024-10-21",
            "providers.oa.api_version: not allowed for type openai; only azure and anthropic use"
                + " it");
  }

  @Test
  void empty_api_key_is_an_error_for_openai_but_means_none_for_compatible_servers()
      throws Exception {
    Map<String, String> env = Map.of("EMPTY", "");
    assertThat(
            problems(
                """
                providers:
                  oa: {type: openai, base_url: "https://h", api_key: "${EMPTY}"}
                routes:
                  m: {deployments: [{provider: oa, model: m}]}
                """,
                env))
        .containsExactly("providers.oa.api_key: is empty; type openai requires an API key");

    GantryConfig c =
        ConfigLoader.parse(
            """
            providers:
              local: {type: openai_compatible, base_url: "http://h", api_key: "${EMPTY}"}
            routes:
              m: {deployments: [{provider: local, model: m}]}
            """,
            env,
            "t");
    assertThat(c.providers().get("local").apiKey()).isNull();
  }

  @Test
  void invalid_and_managed_header_names_are_rejected() {
    assertThat(
            problems(
                """
                providers:
                  local:
                    type: openai_compatible
                    base_url: http://h
                    headers: {"X Bad": a, Host: b, X-Ok: null}
                routes:
                  m: {deployments: [{provider: local, model: m}]}
                """))
        .containsExactly(
            "providers.local.headers.X Bad: 'X Bad' is not a valid header name",
            "providers.local.headers.Host: is set by Gantry and cannot be configured",
            "providers.local.headers.X-Ok: missing value; expected a string");
  }

  @Test
  void unset_variable_in_api_key_is_reported_once_with_path_and_name() {
    assertThat(
            problems(
                """
                providers:
                  openai: {type: openai, base_url: "https://h", api_key: "${OPENAI_API_KEY}"}
                routes:
                  m: {deployments: [{provider: openai, model: m}]}
                """))
        .containsExactly(
            "providers.openai.api_key: environment variable OPENAI_API_KEY is not set");
  }

  @Test
  void a_preset_needs_only_a_key_and_fills_in_the_base_url() throws Exception {
    GantryConfig config =
        ConfigLoader.parse(
            """
            providers:
              fast: {type: groq, api_key: gsk-1}
              local: {type: ollama}
            routes:
              m: {deployments: [{provider: fast, model: llama-3.1-8b-instant}]}
            """,
            java.util.Map.of(),
            "test");
    ProviderConfig fast = config.providers().get("fast");
    assertThat(fast.type()).isEqualTo(ProviderType.OPENAI_COMPATIBLE);
    assertThat(fast.preset()).isEqualTo(OpenAiPreset.GROQ);
    assertThat(fast.baseUrl().toString()).isEqualTo("https://api.groq.com/openai/v1");
    assertThat(config.providers().get("local").baseUrl().toString())
        .isEqualTo("http://127.0.0.1:11434/v1");
  }

  @Test
  void a_hosted_preset_without_a_key_is_refused() {
    assertThat(
            problems(
                """
                providers:
                  p: {type: mistral}
                routes:
                  m: {deployments: [{provider: p, model: m}]}
                """))
        .containsExactly(
            "providers.p.api_key: required but missing; type mistral requires an API key, e.g."
                + " api_key: ${API_KEY}");
  }

  @Test
  void bedrock_needs_a_region_and_takes_no_api_key() {
    assertThat(
            problems(
                """
                providers:
                  b: {type: bedrock, api_key: k}
                routes:
                  m: {deployments: [{provider: b, model: m}]}
                """))
        .containsExactly(
            "providers.b.region: required but missing; expected an AWS region such as us-east-1",
            "providers.b.api_key: not allowed for type bedrock; credentials come from the"
                + " standard AWS chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, profile, instance"
                + " role)");
  }

  @Test
  void bedrock_and_gemini_get_their_default_endpoints() throws Exception {
    GantryConfig config =
        ConfigLoader.parse(
            """
            providers:
              b: {type: bedrock, region: eu-west-1}
              g: {type: gemini, api_key: g-1}
            routes:
              m: {deployments: [{provider: b, model: m}, {provider: g, model: gemini-2.0-flash}]}
            """,
            java.util.Map.of(),
            "test");
    assertThat(config.providers().get("b").baseUrl().toString())
        .isEqualTo("https://bedrock-runtime.eu-west-1.amazonaws.com");
    assertThat(config.providers().get("b").region()).isEqualTo("eu-west-1");
    assertThat(config.providers().get("g").baseUrl().toString())
        .isEqualTo("https://generativelanguage.googleapis.com");
  }
}
