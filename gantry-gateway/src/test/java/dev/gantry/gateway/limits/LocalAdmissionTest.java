package dev.gantry.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalAdmissionTest {
  static final Instant DAY = Instant.parse("2025-06-01T00:00:00Z");
  static final Counter BOB = new Counter("spend:customer:acme:bob", DAY, DAY.plusSeconds(86_400));
  static final Counter ACME = new Counter("spend:tenant:acme", DAY, DAY.plusSeconds(86_400));
  static final Duration TTL = Duration.ofMinutes(5);

  final AtomicLong nanos = new AtomicLong();
  final Clock clock = Clock.fixed(DAY.plusSeconds(3600), ZoneOffset.UTC);

  LocalAdmission admission(LocalAdmission.Baseline baseline) {
    return new LocalAdmission(baseline, nanos::get, clock);
  }

  static Claim claim(long amount, Charge... extra) {
    List<Charge> charges = new java.util.ArrayList<>();
    charges.add(new Charge(BOB, amount, 1_000));
    charges.addAll(List.of(extra));
    return new Claim("r", charges, TTL);
  }

  static Decision now(CompletableFuture<Decision> f) {
    assertThat(f).isDone();
    return f.join();
  }

  @Test
  void refuses_a_claim_that_would_pass_the_limit_counting_reservations() {
    LocalAdmission a = admission(LocalAdmission.Baseline.ZERO);
    assertThat(now(a.reserve(claim(600)).toCompletableFuture()))
        .isInstanceOf(Decision.Admitted.class);
    Decision second = now(a.reserve(claim(600)).toCompletableFuture());
    assertThat(second).isInstanceOf(Decision.Refused.class);
    assertThat(((Decision.Refused) second).used()).isEqualTo(600);
    assertThat(now(a.reserve(claim(400)).toCompletableFuture()))
        .isInstanceOf(Decision.Admitted.class);
  }

  @Test
  void settling_replaces_the_reservation_by_the_actual_amount() {
    LocalAdmission a = admission(LocalAdmission.Baseline.ZERO);
    Permit p = ((Decision.Admitted) now(a.reserve(claim(900)).toCompletableFuture())).permit();
    List<Permit.Settled> s = p.settle(250);
    assertThat(s).singleElement().satisfies(x -> assertThat(x.after()).isEqualTo(250));
    assertThat(a.peek(BOB)).containsExactly(250, 0);
    assertThat(p.settle(999)).as("a second settlement does nothing").isEmpty();
    assertThat(now(a.reserve(claim(750)).toCompletableFuture()))
        .isInstanceOf(Decision.Admitted.class);
  }

  @Test
  void reserves_all_charges_or_none() {
    LocalAdmission a = admission(LocalAdmission.Baseline.ZERO);
    Charge tenantFull = new Charge(ACME, 100, 50);
    assertThat(now(a.reserve(claim(100, tenantFull)).toCompletableFuture()))
        .isInstanceOf(Decision.Refused.class);
    assertThat(a.peek(BOB)).containsExactly(0, 0);
  }

  @Test
  void an_unsettled_reservation_expires_after_its_ttl() {
    LocalAdmission a = admission(LocalAdmission.Baseline.ZERO);
    assertThat(now(a.reserve(claim(1_000)).toCompletableFuture()))
        .isInstanceOf(Decision.Admitted.class);
    nanos.addAndGet(TTL.toNanos() - 1);
    assertThat(now(a.reserve(claim(1)).toCompletableFuture())).isInstanceOf(Decision.Refused.class);
    nanos.addAndGet(1);
    assertThat(now(a.reserve(claim(1_000)).toCompletableFuture()))
        .isInstanceOf(Decision.Admitted.class);
  }

  @Test
  void counts_the_durable_baseline_loaded_once_per_window() {
    AtomicInteger loads = new AtomicInteger();
    CompletableFuture<Long> slow = new CompletableFuture<>();
    LocalAdmission a =
        admission(
            c -> {
              loads.incrementAndGet();
              return slow;
            });
    CompletableFuture<Decision> first = a.reserve(claim(300)).toCompletableFuture();
    CompletableFuture<Decision> second = a.reserve(claim(300)).toCompletableFuture();
    assertThat(first).isNotDone();
    slow.complete(600L);
    assertThat(List.of(first.join(), second.join()))
        .as("600 already spent: only one of two claims of 300 fits under 1000")
        .filteredOn(d -> d instanceof Decision.Admitted)
        .hasSize(1);
    assertThat(loads).hasValue(1);
  }

  @Test
  void never_admits_more_than_the_limit_under_contention() throws Exception {
    LocalAdmission a = admission(LocalAdmission.Baseline.ZERO);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger admitted = new AtomicInteger();
    for (int i = 0; i < 200; i++) {
      pool.submit(
          () -> {
            go.await();
            Decision d = a.reserve(claim(20)).toCompletableFuture().join();
            if (d instanceof Decision.Admitted ok) {
              admitted.incrementAndGet();
              ok.permit().settle(20);
            }
            return null;
          });
    }
    go.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    assertThat(admitted).hasValue(50);
    assertThat(a.peek(BOB)).containsExactly(1_000, 0);
  }
}
