package dev.gantry.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.config.DeploymentConfig;
import dev.gantry.core.config.RetryConfig;
import dev.gantry.core.config.RouteConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AttemptPlannerTest {
  final AtomicLong now = new AtomicLong();
  final DeploymentHealth health = new DeploymentHealth(now::get, 3, 10, TimeUnit.SECONDS);

  static RouteConfig route(DeploymentConfig... deployments) {
    return new RouteConfig("r", List.of(deployments), RetryConfig.DEFAULTS);
  }

  @Test
  void weighted_choice_follows_the_weights() {
    AttemptPlanner planner = new AttemptPlanner(new SplittableRandom(5), health);
    RouteConfig route = route(new DeploymentConfig("p", "a", 3), new DeploymentConfig("p", "b", 1));
    Map<String, Integer> firsts = new HashMap<>();
    for (int i = 0; i < 8000; i++) {
      firsts.merge(planner.plan(route).get(0).model(), 1, Integer::sum);
    }
    assertThat(firsts.get("a") / 8000.0).isBetween(0.72, 0.78);
    assertThat(firsts.get("b") / 8000.0).isBetween(0.22, 0.28);
  }

  @Test
  void every_deployment_appears_once_with_fallbacks_after_weighted_ones() {
    AttemptPlanner planner = new AttemptPlanner(new SplittableRandom(6), health);
    RouteConfig route =
        route(
            new DeploymentConfig("p", "backup", 0),
            new DeploymentConfig("p", "a", 1),
            new DeploymentConfig("p", "b", 1));
    for (int i = 0; i < 100; i++) {
      List<DeploymentConfig> plan = planner.plan(route);
      assertThat(plan).hasSize(3);
      assertThat(plan.get(2).model()).isEqualTo("backup");
    }
  }

  @Test
  void unhealthy_deployments_go_last_until_their_cooldown_ends() {
    AttemptPlanner planner = new AttemptPlanner(new SplittableRandom(7), health);
    RouteConfig route =
        route(new DeploymentConfig("p", "a", 100), new DeploymentConfig("p", "b", 1));
    for (int i = 0; i < 3; i++) {
      health.failure("p", "a");
    }
    for (int i = 0; i < 50; i++) {
      assertThat(planner.plan(route).get(0).model()).isEqualTo("b");
    }
    now.addAndGet(TimeUnit.SECONDS.toNanos(10));
    assertThat(health.healthy("p", "a")).isTrue();
  }

  @Test
  void a_success_resets_the_failure_count() {
    health.failure("p", "a");
    health.failure("p", "a");
    health.success("p", "a");
    health.failure("p", "a");
    health.failure("p", "a");
    assertThat(health.healthy("p", "a")).isTrue();
    health.failure("p", "a");
    assertThat(health.healthy("p", "a")).isFalse();
  }
}
