package dev.gantry.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code limits.routes.<route>}: per-route breaker settings and degraded fallbacks. */
class RouteLimitsConfigTest {
  static final String BASE =
      """
      providers:
        p: {type: openai_compatible, base_url: http://127.0.0.1:1/v1}
        q: {type: openai_compatible, base_url: http://127.0.0.1:2/v1}
        ex: {type: extractive}
      knowledge_bases:
        kb: {}
      routes:
        a: {deployments: [{provider: p, model: m}]}
        b: {deployments: [{provider: q, model: m}], cache: {exact: true}}
        c: {deployments: [{provider: q, model: n}], rag: {kb: kb}}
      """;

  static GantryConfig parse(String limits) throws ConfigException {
    return ConfigLoader.parse(BASE + "limits:\n" + limits.indent(2), Map.of(), "t");
  }

  @Test
  void without_route_settings_every_deployment_keeps_the_default_breaker() throws Exception {
    GantryConfig c = ConfigLoader.parse(BASE, Map.of(), "t");
    assertThat(c.limits().breaker()).isEqualTo(BreakerConfig.DEFAULTS);
    assertThat(c.limits().breakersByDeployment(c.routes().values())).isEmpty();
    assertThat(c.limits().route("a").degraded()).isEmpty();
  }

  @Test
  void a_route_breaker_overrides_only_what_it_names_over_limits_breaker() throws Exception {
    GantryConfig c =
        parse(
            """
            breaker: {open_for: 20s}
            routes:
              a: {breaker: {failure_rate: 25, slow_call: 5s, slow_call_rate: 80, window: 10,
                            min_calls: 5, half_open_calls: 3}}
            """);
    BreakerConfig a = c.limits().breakerOf("a");
    assertThat(a.failureRatePercent()).isEqualTo(25);
    assertThat(a.slowCall()).isEqualTo(Duration.ofSeconds(5));
    assertThat(a.slowCallRatePercent()).isEqualTo(80);
    assertThat(a.window()).isEqualTo(10);
    assertThat(a.minCalls()).isEqualTo(5);
    assertThat(a.halfOpenCalls()).isEqualTo(3);
    // not named: from limits.breaker, which itself keeps the defaults it does not name
    assertThat(a.openFor()).isEqualTo(Duration.ofSeconds(20));
    assertThat(c.limits().breakerOf("b").failureRatePercent())
        .isEqualTo(BreakerConfig.DEFAULTS.failureRatePercent());
    assertThat(c.limits().breakersByDeployment(c.routes().values())).containsOnlyKeys("p/m");
  }

  @Test
  void out_of_range_route_breaker_settings_name_their_path_value_and_range() {
    assertThatThrownBy(
            () ->
                parse(
                    "routes:\n  a: {breaker: {failure_rate: 150, window: 0, open_for: -1s,"
                        + " surprise: 1}}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("limits.routes.a.breaker.failure_rate")
        .hasMessageContaining("150")
        .hasMessageContaining("1..100")
        .hasMessageContaining("limits.routes.a.breaker.window")
        .hasMessageContaining("limits.routes.a.breaker.open_for")
        .hasMessageContaining("limits.routes.a.breaker.surprise");
  }

  @Test
  void route_settings_must_name_a_defined_route() {
    assertThatThrownBy(() -> parse("routes:\n  aa: {breaker: {window: 5}}\n"))
        .hasMessageContaining("limits.routes.aa")
        .hasMessageContaining("not defined");
  }

  @Test
  void routes_sharing_a_deployment_must_agree_on_its_breaker() {
    String shared =
        BASE.replace(
            "c: {deployments: [{provider: q, model: n}]",
            "c: {deployments: [{provider: p, model: m}]");
    assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    shared + "limits:\n  routes:\n    a: {breaker: {window: 5}}\n", Map.of(), "t"))
        .hasMessageContaining("limits.routes.a.breaker")
        .hasMessageContaining("p/m")
        .hasMessageContaining("one breaker");
  }

  @Test
  void degraded_fallbacks_are_read_in_order_and_need_what_they_answer_from() throws Exception {
    GantryConfig c = parse("routes:\n  b: {degraded: [cache]}\n  c: {degraded: [extractive]}\n");
    assertThat(c.limits().route("b").degraded()).containsExactly(RouteLimits.Degraded.CACHE);
    assertThat(c.limits().route("c").degradesTo(RouteLimits.Degraded.EXTRACTIVE)).isTrue();
    assertThatThrownBy(() -> parse("routes:\n  a: {degraded: [cache, extractive, guess]}\n"))
        .hasMessageContaining("limits.routes.a.degraded[2]")
        .hasMessageContaining("allowed cache, extractive")
        .hasMessageContaining("routes.a.cache")
        .hasMessageContaining("routes.a.rag");
    assertThatThrownBy(() -> parse("routes:\n  b: {degraded: [cache, cache]}\n"))
        .hasMessageContaining("limits.routes.b.degraded[1]");
  }
}
