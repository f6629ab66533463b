package dev.gantry.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.config.RateLimit;
import dev.gantry.core.time.ManualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The bounded priority queue in front of the in-process store, on a hand-moved clock. */
class AdmissionQueueTest {
  final ManualTime time = new ManualTime();
  final AtomicReference<AdmissionQueue> ref = new AtomicReference<>();
  final LocalRateStore store = new LocalRateStore(time, 1, keys -> ref.get().released(keys));

  AdmissionQueue queue(int depth, Duration maxWait) {
    AdmissionQueue q = new AdmissionQueue(store, time, time, depth, maxWait);
    ref.set(q);
    return q;
  }

  static RateKey key(int rpm, int concurrency) {
    RateLimit l = new RateLimit(RateLimit.Scope.ROUTE, null, rpm, 0, concurrency);
    return new RateKey("rate:route:r:" + rpm + "/0/" + concurrency, l, "r");
  }

  CompletableFuture<AdmissionQueue.Outcome> admit(AdmissionQueue q, RateKey k, String id, int p) {
    return q.admit(id, List.of(k), 0, p).toCompletableFuture();
  }

  @Test
  void admits_waiters_by_priority_when_a_concurrency_slot_frees() {
    AdmissionQueue q = queue(10, Duration.ofSeconds(5));
    RateKey k = key(0, 1);
    assertThat(admit(q, k, "first", 0).join()).isInstanceOf(AdmissionQueue.Admitted.class);
    List<String> order = new ArrayList<>();
    for (String[] w : new String[][] {{"low", "0"}, {"high", "5"}, {"mid", "1"}}) {
      admit(q, k, w[0], Integer.parseInt(w[1]))
          .thenAccept(
              o -> {
                if (o instanceof AdmissionQueue.Admitted) {
                  order.add(w[0]);
                }
              });
    }
    assertThat(q.depth()).isEqualTo(3);
    for (String done : List.of("first", "high", "mid")) {
      store.release(done, List.of(k), 0, 0);
    }
    assertThat(order).containsExactly("high", "mid", "low");
    assertThat(q.depth()).isZero();
  }

  @Test
  void refuses_a_waiter_after_max_wait_and_one_whose_refill_is_further_away_at_once() {
    AdmissionQueue q = queue(10, Duration.ofSeconds(2));
    RateKey conc = key(0, 1);
    admit(q, conc, "holder", 0).join();
    CompletableFuture<AdmissionQueue.Outcome> waiting = admit(q, conc, "waiter", 0);
    time.advance(Duration.ofMillis(1999));
    assertThat(waiting).isNotDone();
    time.advance(Duration.ofMillis(1));
    assertThat(waiting.join())
        .isInstanceOfSatisfying(
            AdmissionQueue.Refused.class, r -> assertThat(r.timedOut()).isTrue());

    RateKey rpm = key(1, 0); // the next request is due 60 s later, beyond the 2 s wait
    admit(q, rpm, "a", 0).join();
    AdmissionQueue.Outcome b = admit(q, rpm, "b", 0).join();
    assertThat(b).isInstanceOf(AdmissionQueue.Refused.class);
    assertThat(((AdmissionQueue.Refused) b).limited().waitNanos())
        .isGreaterThan(Duration.ofSeconds(59).toNanos());
  }

  @Test
  void a_waiter_is_admitted_when_its_bucket_refills() {
    AdmissionQueue q = queue(10, Duration.ofSeconds(2));
    RateKey rpm = key(60, 0); // one request a second
    for (int i = 0; i < 60; i++) {
      assertThat(admit(q, rpm, "r" + i, 0).join()).isInstanceOf(AdmissionQueue.Admitted.class);
    }
    CompletableFuture<AdmissionQueue.Outcome> next = admit(q, rpm, "next", 0);
    assertThat(next).isNotDone();
    time.advance(Duration.ofSeconds(1));
    assertThat(next.join())
        .isInstanceOfSatisfying(
            AdmissionQueue.Admitted.class,
            a -> assertThat(a.waitedNanos()).isEqualTo(Duration.ofSeconds(1).toNanos()));
  }

  @Test
  void sheds_the_lowest_priority_waiter_when_the_queue_is_full() {
    AdmissionQueue q = queue(2, Duration.ofSeconds(5));
    RateKey k = key(0, 1);
    admit(q, k, "holder", 0).join();
    CompletableFuture<AdmissionQueue.Outcome> low = admit(q, k, "low", 1);
    CompletableFuture<AdmissionQueue.Outcome> mid = admit(q, k, "mid", 2);
    CompletableFuture<AdmissionQueue.Outcome> lowest = admit(q, k, "lowest", 0);
    assertThat(lowest.join())
        .isInstanceOfSatisfying(AdmissionQueue.Refused.class, r -> assertThat(r.shed()).isTrue());
    CompletableFuture<AdmissionQueue.Outcome> high = admit(q, k, "high", 9);
    assertThat(low.join())
        .isInstanceOfSatisfying(AdmissionQueue.Refused.class, r -> assertThat(r.shed()).isTrue());
    assertThat(mid).isNotDone();
    assertThat(high).isNotDone();
    store.release("holder", List.of(k), 0, 0);
    assertThat(high.join()).isInstanceOf(AdmissionQueue.Admitted.class);
    assertThat(mid).isNotDone();
    assertThat(q.totals()[1]).isEqualTo(2);
  }

  @Test
  void several_limits_are_taken_all_or_none() {
    AdmissionQueue q = queue(0, Duration.ZERO);
    RateKey roomy = key(100, 0);
    RateKey tight =
        new RateKey(
            "rate:tenant:t:1/0/0", new RateLimit(RateLimit.Scope.TENANT, null, 1, 0, 0), "t");
    assertThat(q.admit("a", List.of(roomy, tight), 0, 0).toCompletableFuture().join())
        .isInstanceOf(AdmissionQueue.Admitted.class);
    for (int i = 0; i < 5; i++) {
      assertThat(q.admit("b" + i, List.of(roomy, tight), 0, 0).toCompletableFuture().join())
          .isInstanceOf(AdmissionQueue.Refused.class);
    }
    // the refused requests took nothing from the roomy limit: 99 are left of its 100
    for (int i = 0; i < 99; i++) {
      assertThat(admit(q, roomy, "c" + i, 0).join()).isInstanceOf(AdmissionQueue.Admitted.class);
    }
    assertThat(admit(q, roomy, "over", 0).join()).isInstanceOf(AdmissionQueue.Refused.class);
  }

  @Test
  void a_grant_that_arrives_after_the_wait_ran_out_is_given_back_with_its_spend_claim() {
    List<String> released = new ArrayList<>();
    AtomicReference<CompletableFuture<RateResult>> pending = new AtomicReference<>();
    RateStore slow =
        new RateStore() {
          @Override
          public java.util.concurrent.CompletionStage<RateResult> acquire(
              String leaseId, List<RateKey> keys, long tokens) {
            if (leaseId.equals("waiter") && pending.get() != null) {
              return pending.get(); // the answer is on its way
            }
            return store.acquire(leaseId, keys, tokens);
          }

          @Override
          public java.util.concurrent.CompletionStage<Void> release(
              String leaseId, List<RateKey> keys, long reservedTokens, long actualTokens) {
            released.add(leaseId);
            return store.release(leaseId, keys, reservedTokens, actualTokens);
          }
        };
    AdmissionQueue q = new AdmissionQueue(slow, time, time, 10, Duration.ofSeconds(1));
    ref.set(q);
    RateKey conc = key(0, 1);
    admit(q, conc, "holder", 0).join();
    CompletableFuture<AdmissionQueue.Outcome> waiting = admit(q, conc, "waiter", 0);
    pending.set(new CompletableFuture<>());
    time.advance(Duration.ofMillis(1000)); // it asked again, then its wait ran out
    assertThat(waiting.join()).isInstanceOf(AdmissionQueue.Refused.class);

    long[] settled = {-1};
    Permit claim =
        actual -> {
          settled[0] = actual;
          return List.of();
        };
    pending.get().complete(new RateResult.Granted(null, claim));
    assertThat(released).containsExactly("waiter");
    assertThat(settled[0]).as("the spend claim reserved with it is released").isZero();
  }
}
