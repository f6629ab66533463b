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
}
