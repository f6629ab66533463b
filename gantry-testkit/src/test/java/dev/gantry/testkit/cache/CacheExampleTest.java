package dev.gantry.testkit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.config.ConfigLoader;
import dev.gantry.core.config.GantryConfig;
import dev.gantry.core.config.RouteCache;
import dev.gantry.core.config.RouteConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code examples/cache.yaml}: the simulator routes with the exact and semantic cache on. */
class CacheExampleTest {
  @Test
  void every_route_caches_exactly_and_semantically_at_the_calibrated_threshold() throws Exception {
    GantryConfig config =
        ConfigLoader.load(Path.of("..", "examples", "cache.yaml"), Map.of("SIM_PORT", "18080"));
    assertThat(config.routes()).isNotEmpty();
    for (RouteConfig r : config.routes().values()) {
      RouteCache c = r.cache();
      assertThat(c).as(r.name()).isNotNull();
      assertThat(c.exact() && c.semantic() && c.guard()).as(r.name()).isTrue();
      assertThat(c.threshold()).as(r.name()).isEqualTo(RouteCache.DEFAULT_THRESHOLD);
    }
    assertThat(config.routes().get("faq-shared").cache().shared()).isTrue();
  }
}
