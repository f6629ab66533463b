package dev.gantry.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The capacity model against textbook values of the Erlang C formula. */
class CapacityPlanTest {
  @Test
  void erlang_c_matches_the_textbook_values() {
    // 2 servers, offered load 1 Erlang: C = 1/3
    assertThat(CapacityPlan.erlangC(2, 1.0)).isCloseTo(1.0 / 3, within(1e-9));
    // one server: C = rho
    assertThat(CapacityPlan.erlangC(1, 0.7)).isCloseTo(0.7, within(1e-9));
    // 10 servers at 8 Erlangs (a call-centre table value): about 0.409
    assertThat(CapacityPlan.erlangC(10, 8.0)).isCloseTo(0.409, within(0.001));
  }

  @Test
  void plans_the_fewest_slots_whose_p99_wait_fits_the_budget() {
    CapacityPlan.Plan p =
        CapacityPlan.plan(new CapacityPlan.Profile(100, 0.5, 1.5, 2.0, 10_000, 1, 0.6, 1000, 0));
    assertThat(p.offeredLoad()).isCloseTo(50, within(1e-9));
    assertThat(p.upstreamConcurrency()).isGreaterThan(50);
    assertThat(p.waitP99Seconds()).isLessThanOrEqualTo(0.5);
    // one slot fewer would not fit
    assertThat(CapacityPlan.waitQuantile(p.upstreamConcurrency() - 1, 50, 2, 100, 0.99))
        .isGreaterThan(0.5);
    assertThat(p.replicas()).isEqualTo(2);
    assertThat(p.providerRpm()).isEqualTo(6000);
    assertThat(p.providerTpm()).isEqualTo(6_000_000);
  }

  @Test
  void says_when_the_upstream_alone_misses_the_target() {
    assertThat(
            CapacityPlan.plan(new CapacityPlan.Profile(10, 1, 3, 2, 10_000, 1, 0.6, 1000, 0))
                .upstreamConcurrency())
        .isEqualTo(-1);
  }
}
