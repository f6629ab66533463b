package dev.gantry.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.config.BreakerConfig;
import dev.gantry.core.config.DeploymentConfig;
import dev.gantry.core.config.RetryConfig;
import dev.gantry.core.config.RouteConfig;
import dev.gantry.core.config.RouteLatency;
import dev.gantry.core.config.UpstreamConcurrency;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The planner under a request's goal: its region and its latency budget. */
class RouteGoalPlanningTest {
  final AtomicLong now = new AtomicLong();
  final DeploymentHealth health =
      new DeploymentHealth(
          now::get,
          new BreakerConfig(50, Duration.ofSeconds(5), 100, 4, 4, Duration.ofSeconds(10), 1),
          UpstreamConcurrency.NONE);
  final AttemptPlanner planner = new AttemptPlanner(new SplittableRandom(3), health);

  static final Map<String, Long> PRICES = Map.of("cheap", 10L, "mid", 100L, "dear", 1000L);

  static final DeploymentPrices BY_MODEL =
      new DeploymentPrices() {
        @Override
        public long requestMicros(DeploymentConfig d) {
          return PRICES.getOrDefault(d.model(), -1L);
        }

        @Override
        public long inputMicros(DeploymentConfig d) {
          return requestMicros(d) / 2;
        }
      };

  /** One call on {@code p/<model>} that takes {@code ms} (to its first byte when streamed). */
  void call(String model, long ms, boolean ok, boolean streamed) {
    DeploymentHealth.Call c = health.begin("p", model).call();
    assertThat(c).as("a call may start on " + model).isNotNull();
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    if (streamed) {
      c.firstByte();
    }
    if (ok) {
      c.success();
    } else {
      c.failure(true, new RuntimeException("503"));
    }
  }

  static RouteConfig route(DeploymentConfig... deployments) {
    return new RouteConfig("r", List.of(deployments), RetryConfig.DEFAULTS);
  }

  static RouteGoal budget(long ms, boolean streamed, RouteLatency.OnUnmet onUnmet) {
    return new RouteGoal(null, ms * 1_000_000, streamed, onUnmet, BY_MODEL);
  }

  static List<String> models(List<DeploymentConfig> plan) {
    return plan.stream().map(DeploymentConfig::model).toList();
  }

  @Test
  void the_cheapest_deployment_expected_to_meet_the_budget_comes_first() {
    RouteConfig route =
        route(
            new DeploymentConfig("p", "dear", 1),
            new DeploymentConfig("p", "mid", 1),
            new DeploymentConfig("p", "cheap", 1));
    for (int i = 0; i < 5; i++) {
      call("cheap", 900, true, false);
      call("mid", 300, true, false);
      call("dear", 50, true, false);
    }
    RouteGoal best = budget(500, false, RouteLatency.OnUnmet.BEST_EFFORT);
    assertThat(models(planner.plan(route, best))).containsExactly("mid", "dear", "cheap");
    assertThat(models(planner.plan(route, budget(2000, false, RouteLatency.OnUnmet.BEST_EFFORT))))
        .containsExactly("cheap", "mid", "dear");
    assertThat(models(planner.plan(route, budget(100, false, RouteLatency.OnUnmet.REJECT))))
        .containsExactly("dear");
    assertThat(planner.plan(route, budget(10, false, RouteLatency.OnUnmet.REJECT))).isEmpty();
    // best effort: nobody meets 10 ms, so the fastest first
    assertThat(models(planner.plan(route, budget(10, false, RouteLatency.OnUnmet.BEST_EFFORT))))
        .containsExactly("dear", "mid", "cheap");
  }

  @Test
  void a_stream_is_matched_on_its_time_to_first_byte_not_its_whole_length() {
    RouteConfig route =
        route(new DeploymentConfig("p", "dear", 1), new DeploymentConfig("p", "cheap", 1));
    for (int i = 0; i < 5; i++) {
      call("cheap", 80, true, true); // 80 ms to the first byte, then a long stream
      now.addAndGet(TimeUnit.SECONDS.toNanos(5));
      call("dear", 40, true, true);
    }
    assertThat(models(planner.plan(route, budget(100, true, RouteLatency.OnUnmet.REJECT))))
        .containsExactly("cheap", "dear");
  }

  @Test
  void one_high_outlier_among_recent_calls_is_enough_to_count_against_a_budget() {
    RouteConfig route =
        route(new DeploymentConfig("p", "dear", 1), new DeploymentConfig("p", "cheap", 1));
    for (int i = 0; i < 9; i++) {
      call("cheap", 50, true, false);
    }
    call("cheap", 2000, true, false);
    for (int i = 0; i < 9; i++) {
      call("cheap", 50, true, false); // the average forgets it; the 90th percentile does not
    }
    call("dear", 50, true, false);
    assertThat(health.of("p", "cheap").estimateNanos(false)).isGreaterThan(100_000_000);
    assertThat(models(planner.plan(route, budget(100, false, RouteLatency.OnUnmet.REJECT))))
        .containsExactly("dear");
  }

  @Test
  void prefers_its_own_region_within_weighted_and_fallback_groups_and_fails_over_while_open() {
    RouteConfig route =
        route(
            new DeploymentConfig("p", "us", 1, "us-east"),
            new DeploymentConfig("p", "eu", 1, "eu-west"),
            new DeploymentConfig("p", "any", 0));
    RouteGoal eu = new RouteGoal("eu-west", 0, false, RouteLatency.OnUnmet.BEST_EFFORT, BY_MODEL);
    for (int i = 0; i < 50; i++) {
      assertThat(models(planner.plan(route, eu))).containsExactly("eu", "us", "any");
    }
    for (int i = 0; i < 4; i++) {
      call("eu", 10, false, false);
    }
    assertThat(models(planner.plan(route, eu))).containsExactly("us", "any", "eu");
    now.addAndGet(TimeUnit.SECONDS.toNanos(11)); // a probe is due: it is tried first again
    assertThat(models(planner.plan(route, eu))).containsExactly("eu", "us", "any");
  }

  @Test
  void reads_the_budget_header_and_refuses_bad_values() {
    assertThat(LatencyBudgets.parse(null)).isZero();
    assertThat(LatencyBudgets.parse(" 250 ")).isEqualTo(250);
    for (String bad : new String[] {"", "0", "-1", "+5", "2.5", "1e3", "3600001", "ten"}) {
      assertThatThrownBy(() -> LatencyBudgets.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(LatencyBudgets.HEADER);
    }
  }
}
