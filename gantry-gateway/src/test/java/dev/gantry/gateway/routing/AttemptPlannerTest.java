package dev.gantry.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.config.BreakerConfig;
import dev.gantry.core.config.DeploymentConfig;
import dev.gantry.core.config.RetryConfig;
import dev.gantry.core.config.RouteConfig;
import dev.gantry.core.config.UpstreamConcurrency;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AttemptPlannerTest {
  final AtomicLong now = new AtomicLong();
  final DeploymentHealth health =
      new DeploymentHealth(
          now::get,
          new BreakerConfig(50, Duration.ofSeconds(5), 100, 4, 4, Duration.ofSeconds(10), 1),
          UpstreamConcurrency.NONE);

  /** One call on {@code p/<model>} that takes {@code ms} and fails or succeeds. */
  void call(DeploymentHealth h, String model, long ms, boolean ok) {
    DeploymentHealth.Call c = h.begin("p", model).call();
    assertThat(c).as("a call may start on " + model).isNotNull();
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    if (ok) {
      c.success();
    } else {
      c.failure(true, new RuntimeException("503"));
    }
  }

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
  void a_deployment_whose_circuit_opened_goes_last_then_is_probed_and_closes() {
    AttemptPlanner planner = new AttemptPlanner(new SplittableRandom(7), health);
    RouteConfig route =
        route(new DeploymentConfig("p", "a", 100), new DeploymentConfig("p", "b", 1));
    call(health, "a", 10, true);
    call(health, "a", 10, true);
    call(health, "a", 10, false);
    assertThat(health.healthy("p", "a")).as("1 failure in 3 calls: below the window").isTrue();
    call(health, "a", 10, false); // 2 of 4 failed: 50%
    assertThat(health.healthy("p", "a")).isFalse();
    assertThat(health.begin("p", "a").refusal()).isEqualTo(DeploymentHealth.Refusal.CIRCUIT_OPEN);
    for (int i = 0; i < 50; i++) {
      assertThat(planner.plan(route).get(0).model()).isEqualTo("b");
    }
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(10_001));
    assertThat(health.healthy("p", "a")).isTrue();
    call(health, "a", 10, true); // the half-open probe succeeds
    assertThat(health.snapshots())
        .filteredOn(s -> s.deployment().equals("p/a"))
        .singleElement()
        .satisfies(s -> assertThat(s.state()).isEqualTo("closed"));
  }

  @Test
  void a_failed_probe_opens_the_circuit_again() {
    for (int i = 0; i < 4; i++) {
      call(health, "a", 10, false);
    }
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(10_001));
    call(health, "a", 10, false);
    assertThat(health.healthy("p", "a")).isFalse();
  }

  @Test
  void a_slower_deployment_is_chosen_less_in_proportion_to_its_latency() {
    call(health, "slow", 100, true);
    call(health, "fast", 10, true);
    AttemptPlanner planner = new AttemptPlanner(new SplittableRandom(8), health);
    RouteConfig route =
        route(new DeploymentConfig("p", "slow", 1), new DeploymentConfig("p", "fast", 1));
    int fastFirst = 0;
    for (int i = 0; i < 4000; i++) {
      fastFirst += planner.plan(route).get(0).model().equals("fast") ? 1 : 0;
    }
    assertThat(fastFirst / 4000.0).isBetween(0.88, 0.94); // 10/11 of the picks
  }

  @Test
  void an_adaptive_cap_refuses_calls_beyond_it_and_shrinks_on_overload() {
    DeploymentHealth capped =
        new DeploymentHealth(
            now::get,
            BreakerConfig.DEFAULTS,
            new UpstreamConcurrency(4, true, Duration.ofSeconds(5)));
    List<DeploymentHealth.Call> held = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      held.add(capped.begin("p", "a").call());
    }
    assertThat(capped.begin("p", "a").refusal()).isEqualTo(DeploymentHealth.Refusal.AT_CAPACITY);
    held.forEach(c -> c.failure(true, new RuntimeException("429")));
    assertThat(capped.snapshots().get(0).limit()).isLessThan(4);
  }
}
