package dev.gantry.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** server.max_connections(_per_ip) and knowledge_bases.*.tenants. */
class LimitsAndScopesConfigTest {
  static final String ROUTES =
      "providers: {p: {type: openai_compatible, base_url: http://127.0.0.1:1/v1}}\n"
          + "routes: {m: {deployments: [{provider: p, model: m}]}}\n";

  @Test
  void connection_limits_have_defaults_and_can_be_set() throws Exception {
    GantryConfig d = ConfigLoader.parse(ROUTES, Map.of(), "t");
    assertThat(d.server().maxConnections()).isEqualTo(ServerConfig.DEFAULT_MAX_CONNECTIONS);
    assertThat(d.server().maxConnectionsPerIp())
        .isEqualTo(ServerConfig.DEFAULT_MAX_CONNECTIONS_PER_IP);
    GantryConfig c =
        ConfigLoader.parse(
            "server: {max_connections: 500, max_connections_per_ip: 0}\n" + ROUTES, Map.of(), "t");
    assertThat(c.server().maxConnections()).isEqualTo(500);
    assertThat(c.server().maxConnectionsPerIp()).isZero();
    assertThat(c.server().withPort(0).maxConnections()).isEqualTo(500);
  }

  @Test
  void out_of_range_connection_limits_name_the_path() {
    assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    "server: {max_connections: 0, max_connections_per_ip: -1}\n" + ROUTES,
                    Map.of(),
                    "t"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("server.max_connections")
        .hasMessageContaining("server.max_connections_per_ip");
  }

  @Test
  void a_knowledge_base_can_be_limited_to_tenants_and_the_system_tenant_always_reads_it()
      throws Exception {
    GantryConfig c =
        ConfigLoader.parse(
            "knowledge_bases:\n  open: {}\n  hr: {tenants: [acme, beta]}\n" + ROUTES,
            Map.of(),
            "t");
    KnowledgeBaseConfig hr = c.knowledgeBases().get("hr");
    assertThat(hr.tenants()).isEqualTo(List.of("acme", "beta"));
    assertThat(hr.readableBy("acme")).isTrue();
    assertThat(hr.readableBy("gamma")).isFalse();
    assertThat(hr.readableBy("system")).isTrue();
    assertThat(c.knowledgeBases().get("open").readableBy("gamma")).isTrue();
    assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    "knowledge_bases:\n  hr: {tenants: [\"\"]}\n" + ROUTES, Map.of(), "t"))
        .hasMessageContaining("knowledge_bases.hr.tenants[0]");
  }
}
