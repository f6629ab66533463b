package dev.gantry.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigSummaryTest {
  @Test
  void summary_lists_server_providers_and_routes_with_weights_and_retry() throws Exception {
    GantryConfig c = ConfigLoader.parse(ConfigLoaderTest.FULL, ConfigLoaderTest.ENV, "gantry.yaml");

    assertThat(ConfigSummary.describe(c))
        .isEqualTo(
            """
            server: 0.0.0.0:9090
              max body 8MB, body timeout 15s, request timeout 5m, hot reload off
            providers (4):
              openai: openai https://api.openai.com/v1, api key set, http2, max 32 connections
                timeouts: connect 2s, first byte 30s, idle 10s, total 1h
                headers: X-Org (values not shown)
              azure: azure https://acme.openai.azure.com, api key set, api version 2024-10-21, \
            max 64 connections
                timeouts: connect 5s, first byte 1m, idle 30s, total 10m
              claude: anthropic https://api.anthropic.com, api key set, api version 2023-06-01, \
            max 64 connections
                timeouts: connect 5s, first byte 1m, idle 30s, total 10m
              local: openai_compatible http://127.0.0.1:8000/v1, api key not set, \
            max 64 connections
                timeouts: connect 5s, first byte 1m, idle 30s, total 10m
            routes (2):
              gpt-4o-mini: retry 3 attempts, backoff 250ms..4s
                - openai/gpt-4o-mini weight 3 (75%)
                - azure/gpt-4o-mini-eu weight 1 (25%)
                - local/llama weight 0 (fallback only)
              claude: retry 2 attempts, backoff 100ms..2s
                - claude/claude-3-5-haiku-latest weight 1 (100%)
            cost: time zone UTC, 0 configured price(s)
              no known price (cost reported as unknown; add under cost.prices): \
            azure/gpt-4o-mini-eu, local/llama
            """);
  }

  @Test
  void summary_of_defaults_mentions_the_reload_interval() throws Exception {
    GantryConfig c =
        ConfigLoader.parse(ConfigValidationTest.PROVIDERS_AND_ROUTE, java.util.Map.of(), "t");

    assertThat(ConfigSummary.describe(c))
        .startsWith(
            "server: 127.0.0.1:8080\n"
                + "  max body 4MB, body timeout 30s, request timeout 10m, reload check every 2s\n");
  }

  @Test
  void a_route_cache_is_summarised_with_its_encoder_threshold_and_scope() throws Exception {
    String yaml =
        """
        providers:
          p: {type: openai_compatible, base_url: http://127.0.0.1:1/v1}
        routes:
          a:
            deployments: [{provider: p, model: m}]
            cache: true
          b:
            deployments: [{provider: p, model: m}]
            cache: {semantic: false, ttl: 24h, shared: true, requests: all}
          c:
            deployments: [{provider: p, model: m}]
            cache: {exact: false, encoder: e5-small-v2, guard: false}
        """;
    String summary = ConfigSummary.describe(ConfigLoader.parse(yaml, java.util.Map.of(), "t"));
    assertThat(summary)
        .contains(
            "    cache: exact + semantic (all-minilm-l6-v2+e5-small-v2, threshold 0.885,"
                + " margin 0.10, guard on), ttl 1h, deterministic requests, per tenant\n")
        .contains("    cache: exact, ttl 1d, all requests, shared across tenants\n")
        .contains(
            "    cache: semantic (e5-small-v2, threshold 0.940, margin 0.10, guard off), ttl 1h,"
                + " deterministic requests, per tenant\n");
  }
}
