package dev.gantry.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Regions and latency budgets in {@code gantry.yaml}. */
class RoutingConfigTest {
  @Test
  void reads_regions_and_a_route_latency_budget() throws Exception {
    GantryConfig c =
        ConfigLoader.parse(
            """
            server: {region: eu-west}
            providers:
              a: {type: openai_compatible, base_url: "http://a"}
              b: {type: openai_compatible, base_url: "http://b"}
            routes:
              m:
                deployments: [{provider: a, model: m, region: eu-west}, {provider: b, model: m}]
                latency_budget: 800ms
                on_unmet: reject
              n: {deployments: [{provider: a, model: n}]}
            """,
            Map.of(),
            "gantry.yaml");
    assertThat(c.server().region()).isEqualTo("eu-west");
    RouteConfig m = c.routes().get("m");
    assertThat(m.deployments().get(0).region()).isEqualTo("eu-west");
    assertThat(m.deployments().get(1).region()).isNull();
    assertThat(m.latency())
        .isEqualTo(new RouteLatency(Duration.ofMillis(800), RouteLatency.OnUnmet.REJECT));
    assertThat(c.routes().get("n").latency()).isEqualTo(RouteLatency.NONE);
    // a tier of the route keeps its budget
    assertThat(m.withDeployments(m.deployments().subList(0, 1)).latency()).isEqualTo(m.latency());
  }

  @Test
  void bad_regions_and_budgets_name_the_path_the_value_and_what_is_allowed() {
    assertThat(
            ConfigValidationTest.problems(
                """
                server: {region: " "}
                providers:
                  a: {type: openai_compatible, base_url: "http://a"}
                routes:
                  m:
                    deployments: [{provider: a, model: m, region: "eu west"}]
                    latency_budget: 2h
                    on_unmet: drop
                  n:
                    deployments: [{provider: a, model: n}]
                    latency_budget: 0s
                """))
        .containsExactlyInAnyOrder(
            "server.region: '' is not a region name; use e.g. eu-west or us-east",
            "routes.m.deployments[0].region: 'eu west' is not a region name; use e.g. eu-west or"
                + " us-east",
            "routes.m.latency_budget: 2h is out of range; allowed 1ms..1h",
            "routes.m.on_unmet: 'drop' is not allowed; allowed best_effort, reject",
            "routes.n.latency_budget: 0s is out of range; allowed > 0");
  }
}
