package dev.gantry.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  static final String FULL =
      """
      server:
        host: 0.0.0.0
        port: 9090
        max_body_bytes: 8MB
        body_timeout: 15s
        request_timeout: 5m
        reload_interval: 0
      providers:
        openai:
          type: openai
          base_url: https://api.openai.com/v1/
          api_key: ${OPENAI_API_KEY}
          headers: {X-Org: acme}
          http2: true
          max_connections: 32
          timeouts: {connect: 2s, first_byte: 30s, idle: 10s, total: 1h}
        azure:
          type: azure
          base_url: https://acme.openai.azure.com
          api_key: ${AZURE_KEY}
          api_version: 2024-10-21
        claude:
          type: anthropic
          base_url: https://api.anthropic.com
          api_key: literal-key
        local:
          type: openai_compatible
          base_url: http://127.0.0.1:8000/v1
      routes:
        gpt-4o-mini:
          deployments:
            - {provider: openai, model: gpt-4o-mini, weight: 3}
            - {provider: azure, model: gpt-4o-mini-eu}
            - {provider: local, model: llama, weight: 0}
          retry: {max_attempts: 3, base_delay: 250ms, max_delay: 4s}
        claude:
          deployments:
            - provider: claude
              model: claude-3-5-haiku-latest
      """;

  static final Map<String, String> ENV =
      Map.of("OPENAI_API_KEY", "sk-openai-secret", "AZURE_KEY", "azure-secret");

  @Test
  void full_example_becomes_records_with_the_written_values() throws Exception {
    GantryConfig c = ConfigLoader.parse(FULL, ENV, "gantry.yaml");

    assertThat(c.server())
        .isEqualTo(
            new ServerConfig(
                "0.0.0.0",
                9090,
                8L << 20,
                Duration.ofSeconds(15),
                Duration.ofMinutes(5),
                Duration.ZERO,
                null));
    assertThat(c.providers()).containsOnlyKeys("openai", "azure", "claude", "local");
    assertThat(c.providers().keySet()).containsExactly("openai", "azure", "claude", "local");

    ProviderConfig openai = c.providers().get("openai");
    assertThat(openai.name()).isEqualTo("openai");
    assertThat(openai.type()).isEqualTo(ProviderType.OPENAI);
    assertThat(openai.baseUrl()).isEqualTo(URI.create("https://api.openai.com/v1"));
    assertThat(openai.apiKey().reveal()).isEqualTo("sk-openai-secret");
    assertThat(openai.apiVersion()).isNull();
    assertThat(openai.headers()).isEqualTo(Map.of("X-Org", "acme"));
    assertThat(openai.http2()).isTrue();
    assertThat(openai.maxConnections()).isEqualTo(32);
    assertThat(openai.timeouts())
        .isEqualTo(
            new Timeouts(
                Duration.ofSeconds(2),
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                Duration.ofHours(1)));

    ProviderConfig azure = c.providers().get("azure");
    assertThat(azure.type()).isEqualTo(ProviderType.AZURE);
    assertThat(azure.apiVersion()).isEqualTo("2024-10-21");
    assertThat(azure.apiKey().reveal()).isEqualTo("azure-secret");

    ProviderConfig claude = c.providers().get("claude");
    assertThat(claude.apiVersion()).isEqualTo("2023-06-01");
    assertThat(claude.apiKey().reveal()).isEqualTo("literal-key");

    ProviderConfig local = c.providers().get("local");
    assertThat(local.type()).isEqualTo(ProviderType.OPENAI_COMPATIBLE);
    assertThat(local.apiKey()).isNull();

    RouteConfig route = c.routes().get("gpt-4o-mini");
    assertThat(route.name()).isEqualTo("gpt-4o-mini");
    assertThat(route.deployments())
        .containsExactly(
            new DeploymentConfig("openai", "gpt-4o-mini", 3),
            new DeploymentConfig("azure", "gpt-4o-mini-eu", 1),
            new DeploymentConfig("local", "llama", 0));
    assertThat(route.retry())
        .isEqualTo(new RetryConfig(3, Duration.ofMillis(250), Duration.ofSeconds(4)));
    assertThat(c.routes().get("claude").deployments())
        .containsExactly(new DeploymentConfig("claude", "claude-3-5-haiku-latest", 1));
  }

  @Test
  void omitted_settings_take_their_defaults() throws Exception {
    GantryConfig c =
        ConfigLoader.parse(
            """
            providers:
              local: {type: openai_compatible, base_url: "http://localhost:11434/v1"}
            routes:
              m:
                deployments: [{provider: local, model: m}]
            """,
            Map.of(),
            "t");

    assertThat(c.server()).isEqualTo(ServerConfig.DEFAULTS);
    ProviderConfig p = c.providers().get("local");
    assertThat(p.timeouts()).isEqualTo(Timeouts.DEFAULTS);
    assertThat(p.maxConnections()).isEqualTo(64);
    assertThat(p.http2()).isFalse();
    assertThat(p.headers()).isEmpty();
    assertThat(c.routes().get("m").retry()).isEqualTo(RetryConfig.DEFAULTS);
    assertThat(c.routes().get("m").deployments().get(0).weight()).isEqualTo(1);
  }

  @Test
  void partial_sections_keep_defaults_for_the_rest() throws Exception {
    GantryConfig c =
        ConfigLoader.parse(
            """
            server: {port: 0}
            providers:
              local:
                type: openai_compatible
                base_url: http://h
                timeouts: {idle: 90s}
            routes:
              m:
                deployments: [{provider: local, model: m}]
                retry: {base_delay: 5s}
            """,
            Map.of(),
            "t");

    assertThat(c.server()).isEqualTo(ServerConfig.DEFAULTS.withPort(0));
    assertThat(c.providers().get("local").timeouts().idle()).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.providers().get("local").timeouts().connect())
        .isEqualTo(Timeouts.DEFAULTS.connect());
    RetryConfig retry = c.routes().get("m").retry();
    assertThat(retry.maxAttempts()).isEqualTo(2);
    assertThat(retry.baseDelay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(retry.maxDelay()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void numbers_and_booleans_may_come_from_the_environment() throws Exception {
    GantryConfig c =
        ConfigLoader.parse(
            """
            server: {port: "${PORT}", max_body_bytes: "${BODY:-1MB}"}
            providers:
              local: {type: openai_compatible, base_url: "${BASE}", http2: "${H2}"}
            routes:
              m: {deployments: [{provider: local, model: m}]}
            """,
            Map.of("PORT", "7000", "BASE", "http://vllm:8000/v1", "H2", "true"),
            "t");

    assertThat(c.server().port()).isEqualTo(7000);
    assertThat(c.server().maxBodyBytes()).isEqualTo(1 << 20);
    assertThat(c.providers().get("local").baseUrl()).isEqualTo(URI.create("http://vllm:8000/v1"));
    assertThat(c.providers().get("local").http2()).isTrue();
  }

  @Test
  void load_reads_a_file_with_a_byte_order_mark(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("gantry.yaml");
    Files.write(file, ("\uFEFF" + FULL).getBytes(StandardCharsets.UTF_8));

    GantryConfig c = ConfigLoader.load(file, ENV);

    assertThat(c.routes()).containsOnlyKeys("gpt-4o-mini", "claude");
  }

  @Test
  void a_missing_file_is_a_config_exception_naming_the_path(@TempDir Path dir) {
    Path file = dir.resolve("nope.yaml");

    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.problems()).containsExactly(file + ": file not found");
              assertThat(e.source()).isEqualTo(file.toString());
            });
  }

  @Test
  void a_file_that_is_not_utf8_is_rejected(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("gantry.yaml");
    Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28});

    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .hasMessage(file + ": not valid UTF-8 text");
  }

  @Test
  void anchors_and_aliases_are_resolved() throws Exception {
    GantryConfig c =
        ConfigLoader.parse(
            """
            providers:
              local: {type: openai_compatible, base_url: "http://h"}
            routes:
              a: {deployments: &d [{provider: local, model: m}]}
              b: {deployments: *d}
            """,
            Map.of(),
            "t");

    assertThat(c.routes().get("b").deployments())
        .isEqualTo(c.routes().get("a").deployments())
        .isEqualTo(List.of(new DeploymentConfig("local", "m", 1)));
  }
}
