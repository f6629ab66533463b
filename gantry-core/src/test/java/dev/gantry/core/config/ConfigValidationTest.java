package dev.gantry.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValidationTest {
  static final String PROVIDERS_AND_ROUTE =
      """
      providers:
        local: {type: openai_compatible, base_url: "http://h"}
      routes:
        m: {deployments: [{provider: local, model: m}]}
      """;

  static List<String> problems(String yaml) {
    return problems(yaml, Map.of());
  }

  static List<String> problems(String yaml, Map<String, String> env) {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> ConfigLoader.parse(yaml, env, "gantry.yaml"));
    assertThat(e).as("expected the config to be rejected").isNotNull();
    assertThat(e.getMessage()).isEqualTo(String.join("\n", e.problems()));
    return e.problems();
  }

  @Test
  void port_out_of_range_names_path_value_and_range() {
    assertThat(problems("server: {port: 70000}\n" + PROVIDERS_AND_ROUTE))
        .containsExactly("server.port: 70000 is out of range; allowed 0..65535");
  }

  @Test
  void non_integer_port_is_reported_with_the_range() {
    assertThat(problems("server: {port: eighty}\n" + PROVIDERS_AND_ROUTE))
        .containsExactly("server.port: 'eighty' is not an integer; allowed 0..65535");
  }

  @Test
  void unknown_key_is_reported_with_allowed_keys() {
    assertThat(problems("server: {prot: 80}\n" + PROVIDERS_AND_ROUTE))
        .containsExactly(
            "server.prot: unknown key; allowed keys are host, port, max_body_bytes, body_timeout,"
                + " request_timeout, reload_interval, tls, max_connections, max_connections_per_ip, region; did you mean 'port'?");
  }

  @Test
  void unknown_top_level_key_is_reported() {
    assertThat(problems("alerting: {}\n" + PROVIDERS_AND_ROUTE))
        .containsExactly(
            "alerting: unknown key; allowed keys are " + String.join(", ", ConfigReader.TOP_KEYS));
  }

  @Test
  void rate_limit_problems_name_the_path_the_value_and_the_allowed_range() {
    assertThat(
            problems(
                "limits:\n  rate:\n    - {scope: team, rpm: 5}\n    - {scope: customer, rpm: 0}\n"
                    + "    - {scope: route, match: nope, concurrency: 2}\n"
                    + "  queue: {max_wait: 11m}\n"
                    + "redis: {url: http://x, on_failure: sometimes}\n"
                    + PROVIDERS_AND_ROUTE))
        .contains(
            "limits.rate[0].scope: 'team' is not allowed; allowed global, tenant, key, customer,"
                + " route",
            "limits.rate[1].rpm: 0 is out of range; allowed 1..100000000",
            "limits.rate: names route 'nope', which is not defined",
            "limits.queue.max_wait: PT11M is out of range; allowed 0..10m",
            "redis.url: 'http://x' is not a Redis URL; allowed redis://host:port or"
                + " rediss://host:port");
  }

  @Test
  void duplicate_key_is_reported() {
    assertThat(problems("server:\n  port: 1\n  port: 2\n" + PROVIDERS_AND_ROUTE))
        .containsExactly("server.port: duplicate key");
  }

  @Test
  void undefined_provider_in_a_deployment_lists_the_defined_ones() {
    assertThat(
            problems(
                """
                providers:
                  openai: {type: openai, base_url: "https://api.openai.com/v1", api_key: k}
                  azure:
                    type: azure
                    base_url: https://x.openai.azure.com
                    api_key: k
                    api_version: 2024-10-21
                routes:
                  fast:
                    deployments:
                      - {provider: openai, model: a}
                      - {provider: azur, model: b}
                """))
        .containsExactly(
            "routes.fast.deployments[1].provider: 'azur' is not a defined provider (defined:"
                + " openai, azure); did you mean 'azure'?");
  }

  @Test
  void wrong_node_types_say_what_was_expected_and_what_was_found() {
    assertThat(
            problems(
                """
                server: [1, 2]
                providers:
                  local: {type: openai_compatible, base_url: "http://h", headers: [a]}
                routes:
                  fast: {deployments: openai}
                """))
        .containsExactly(
            "server: expected a map, got a list",
            "providers.local.headers: expected a map, got a list",
            "routes.fast.deployments: expected a list, got a string");
  }

  @Test
  void empty_file_needs_a_route() {
    assertThat(problems("")).containsExactly("routes: at least one route is required");
    assertThat(problems("# only a comment\n"))
        .containsExactly("routes: at least one route is required");
  }

  @Test
  void file_without_routes_is_rejected() {
    assertThat(problems("providers:\n  local: {type: openai_compatible, base_url: 'http://h'}\n"))
        .containsExactly("routes: at least one route is required");
    assertThat(problems("routes: {}\n")).containsExactly("routes: at least one route is required");
  }

  @Test
  void top_level_that_is_not_a_map_is_rejected() {
    assertThat(problems("- a\n- b\n"))
        .containsExactly(
            "the top level must be a map with keys "
                + String.join(", ", ConfigReader.TOP_KEYS)
                + ", got a list");
  }

  @Test
  void several_problems_are_reported_together_in_file_order() {
    List<String> problems =
        problems(
            """
            server: {port: -1, body_timeout: 0s, max_body_bytes: 10}
            providers:
              openai: {type: openai, base_url: "ftp://x", max_connections: 0}
            routes:
              fast:
                deployments:
                  - {provider: nobody, weight: -2}
                retry: {max_attempts: 11, base_delay: 1s, max_delay: 10ms}
            """);

    assertThat(problems)
        .containsExactly(
            "server.port: -1 is out of range; allowed 0..65535",
            "server.max_body_bytes: 10 is out of range; allowed 1KB..1GB",
            "server.body_timeout: 0s is out of range; allowed > 0",
            "providers.openai.base_url: 'ftp://x' is not an absolute http or https URL with a host",
            "providers.openai.api_key: required but missing; type openai requires an API key,"
                + " e.g. api_key: ${API_KEY}",
            "providers.openai.max_connections: 0 is out of range; allowed 1..10000",
            "routes.fast.deployments[0].model: required but missing; expected the model name the"
                + " provider knows",
            "routes.fast.deployments[0].weight: -2 is out of range; allowed 0..1000000",
            "routes.fast.deployments[0].provider: 'nobody' is not a defined provider (defined:"
                + " openai)",
            "routes.fast.retry.max_attempts: 11 is out of range; allowed 1..10",
            "routes.fast.retry.max_delay: 10ms is less than base_delay 1s; allowed >= base_delay");
  }

  @Test
  void invalid_durations_sizes_and_booleans_name_the_accepted_forms() {
    assertThat(
            problems(
                """
                server: {request_timeout: soon, max_body_bytes: 4XB}
                providers:
                  local: {type: openai_compatible, base_url: "http://h", http2: yes}
                routes:
                  m: {deployments: [{provider: local, model: m}]}
                """))
        .containsExactly(
            "server.max_body_bytes: '4XB' is not a size; use e.g. 512KB, 4MB, 1GB (1024-based) or"
                + " integer bytes",
            "server.request_timeout: 'soon' is not a duration; use e.g. 250ms, 30s, 5m, 1h, 30d or"
                + " integer milliseconds",
            "providers.local.http2: 'yes' is not a boolean; allowed true, false");
  }

  @Test
  void deployments_must_not_be_empty_or_missing() {
    assertThat(
            problems(
                """
                providers:
                  local: {type: openai_compatible, base_url: "http://h"}
                routes:
                  a: {deployments: []}
                  b: {retry: {max_attempts: 1}}
                """))
        .containsExactly(
            "routes.a.deployments: must not be empty; expected a non-empty list of {provider,"
                + " model, weight}",
            "routes.b.deployments: required but missing; expected a non-empty list of {provider,"
                + " model, weight}");
  }

  @Test
  void yaml_syntax_error_gives_line_and_column() {
    List<String> problems =
        problems(
            """
            server:
              port: 8080
             host: x: y
            """);

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0))
        .startsWith("gantry.yaml: YAML syntax error at line 3, column ")
        .doesNotContain("host: x");
  }

  @Test
  void unclosed_flow_map_reports_where_it_ended() {
    assertThat(problems("server: {port: 1\n"))
        .singleElement()
        .asString()
        .matches("gantry\\.yaml: YAML syntax error at line 2, column 1: .*");
  }

  @Test
  void more_than_one_document_is_rejected() {
    assertThat(problems("server: {}\n---\nserver: {}\n"))
        .singleElement()
        .asString()
        .contains("line 2, column 1")
        .contains("single document");
  }

  @Test
  void a_route_naming_an_undefined_knowledge_base_is_refused() {
    assertThat(
            problems(
                """
                providers:
                  p: {type: openai_compatible, base_url: "http://h"}
                routes:
                  m: {deployments: [{provider: p, model: m}], rag: {kb: docs}}
                """))
        .containsExactly(
            "routes.m.rag.kb: 'docs' is not defined under knowledge_bases (defined: none)");
  }

  @Test
  void an_extractive_deployment_needs_a_route_with_rag() {
    assertThat(
            problems(
                """
                providers:
                  kb: {type: extractive}
                routes:
                  m: {deployments: [{provider: kb, model: x}]}
                """))
        .containsExactly(
            "routes.m.deployments[0]: the extractive provider answers from retrieved sources; the"
                + " route needs rag: {kb: …}");
  }

  @Test
  void an_extractive_provider_takes_no_base_url() {
    assertThat(
            problems(
                """
                providers:
                  kb: {type: extractive, base_url: "http://h"}
                knowledge_bases:
                  docs: {}
                routes:
                  m: {deployments: [{provider: kb, model: x}], rag: {kb: docs}}
                """))
        .containsExactly("providers.kb.base_url: does not apply to an extractive provider");
  }

  @Test
  void rag_options_are_range_checked() {
    assertThat(
            problems(
                """
                providers:
                  p: {type: openai_compatible, base_url: "http://h"}
                knowledge_bases:
                  docs: {}
                routes:
                  m: {deployments: [{provider: p, model: m}], rag: {kb: docs, top_k: 0}}
                """))
        .containsExactly("routes.m.rag.top_k: 0 is out of range; allowed 1..50");
  }
}
