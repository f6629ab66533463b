package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.config.ConfigLoader;
import dev.gantry.core.config.GantryConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped example configuration stays valid and routes to the simulator port it names. */
class ExampleConfigTest {
  @Test
  void example_sim_config_is_valid_and_follows_sim_port() throws Exception {
    Path file = Path.of("..", "examples", "gantry-sim.yaml");
    assertThat(Files.exists(file)).as("examples/gantry-sim.yaml").isTrue();
    GantryConfig defaults = ConfigLoader.load(file, Map.of());
    assertThat(defaults.providers().get("sim").baseUrl().toString())
        .isEqualTo("http://127.0.0.1:18080/v1");
    GantryConfig moved =
        ConfigLoader.load(file, Map.of("SIM_PORT", "19999", "GANTRY_PORT", "9000"));
    assertThat(moved.providers().get("sim").baseUrl().toString())
        .isEqualTo("http://127.0.0.1:19999/v1");
    assertThat(moved.server().port()).isEqualTo(9000);
    assertThat(moved.routes())
        .containsKeys(
            "gpt-4o-mini", "claude-3-5-haiku", "text-embedding-3-small", "gpt-3.5-turbo-instruct");
    assertThat(moved.providers().get("sim-instruct").nativeCompletions()).isTrue();
  }

  @Test
  void budgets_example_limits_each_customer_to_a_cent_a_day() throws Exception {
    GantryConfig c =
        ConfigLoader.load(
            Path.of("..", "examples", "budgets.yaml"),
            Map.of("SIM_PORT", "19999", "GANTRY_DATA_DIR", "/tmp/budgets-data"));
    assertThat(c.providers().get("sim").baseUrl().toString())
        .isEqualTo("http://127.0.0.1:19999/v1");
    assertThat(c.dataDir().toString()).isEqualTo("/tmp/budgets-data");
    assertThat(c.cost().limits())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.scope()).isEqualTo(dev.gantry.core.config.SpendLimit.Scope.CUSTOMER);
              assertThat(l.match()).as("each customer").isNull();
              assertThat(l.hardMicros()).isEqualTo(10_000);
            });
    assertThat(c.routes().keySet())
        .isEqualTo(
            ConfigLoader.load(Path.of("..", "examples", "gantry-sim.yaml"), Map.of())
                .routes()
                .keySet());
  }

  @Test
  void production_example_runs_with_keys_audit_budgets_tiers_and_limits() throws Exception {
    GantryConfig c =
        ConfigLoader.load(
            Path.of("..", "examples", "production-sim.yaml"),
            Map.of("SIM_PORT", "19999", "GANTRY_DATA_DIR", "/tmp/prod-data"));
    assertThat(c.security().auth().required()).isTrue();
    assertThat(c.security().audit().enabled()).isTrue();
    assertThat(c.dataDir().toString()).isEqualTo("/tmp/prod-data");
    assertThat(c.providers().get("sim").baseUrl().toString())
        .isEqualTo("http://127.0.0.1:19999/v1");
    assertThat(c.routes().get("gpt-4o-mini").cost().budget().isNone()).isFalse();
    assertThat(c.routes().get("assistant").cost().tiering()).isNotNull();
    assertThat(c.cost().limits()).isNotEmpty();
    assertThat(c.limits().rate()).isNotEmpty();
    assertThat(c.limits().maxWait()).isPositive();
    assertThat(
            ConfigLoader.load(Path.of("..", "examples", "production-sim.yaml"), Map.of())
                .dataDir()
                .toString())
        .isEqualTo("gantry-data");
  }

  @Test
  void replicas_example_shares_sixty_requests_a_minute_per_customer_through_redis()
      throws Exception {
    GantryConfig c =
        ConfigLoader.load(
            Path.of("..", "examples", "replicas.yaml"),
            Map.of(
                "REDIS_URL", "redis://10.0.0.5:6380",
                "GANTRY_PORT", "9100",
                "GANTRY_DATA_DIR", "/tmp/replica-data",
                "SIM_PORT", "19999"));
    assertThat(c.limits().redis().url()).isEqualTo("redis://10.0.0.5:6380");
    assertThat(c.server().port()).isEqualTo(9100);
    assertThat(c.dataDir().toString()).isEqualTo("/tmp/replica-data");
    assertThat(c.limits().rate())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.scope()).isEqualTo(dev.gantry.core.config.RateLimit.Scope.CUSTOMER);
              assertThat(l.match()).as("each customer").isNull();
              assertThat(l.rpm()).isEqualTo(60);
            });
    assertThat(
            ConfigLoader.load(Path.of("..", "examples", "replicas.yaml"), Map.of())
                .limits()
                .redis()
                .url())
        .isEqualTo("redis://127.0.0.1:6379");
  }
}
