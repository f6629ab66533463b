package dev.gantry.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualTimeTest {
  final ManualTime time = new ManualTime(Instant.parse("2026-03-01T00:00:00Z"));

  @Test
  void ticker_clock_and_scheduler_share_one_time_line() {
    List<String> ran = new ArrayList<>();
    time.schedule(Duration.ofSeconds(2), () -> ran.add("b@" + time.nanos()));
    time.schedule(Duration.ofSeconds(1), () -> ran.add("a@" + time.clock().instant()));

    time.advance(Duration.ofMillis(999));
    assertThat(ran).isEmpty();
    time.advance(Duration.ofSeconds(5));

    assertThat(ran).containsExactly("a@2026-03-01T00:00:01Z", "b@2000000000");
    assertThat(time.nanos()).isEqualTo(5_999_000_000L);
    assertThat(time.clock(ZoneId.of("Pacific/Chatham")).instant())
        .isEqualTo(Instant.parse("2026-03-01T00:00:05.999Z"));
  }

  @Test
  void tasks_scheduled_by_tasks_run_within_the_same_advance_when_due() {
    List<Long> ran = new ArrayList<>();
    Runnable[] tick = new Runnable[1];
    tick[0] =
        () -> {
          ran.add(time.nanos() / 1_000_000);
          time.schedule(Duration.ofMillis(100), tick[0]);
        };
    time.schedule(Duration.ofMillis(100), tick[0]);

    time.advance(Duration.ofMillis(350));

    assertThat(ran).containsExactly(100L, 200L, 300L);
    assertThat(time.pendingDelays()).containsExactly(Duration.ofMillis(50));
  }

  @Test
  void cancelled_tasks_never_run_and_same_due_tasks_run_in_order() {
    List<Integer> ran = new ArrayList<>();
    time.schedule(Duration.ofMillis(10), () -> ran.add(1));
    Scheduler.Scheduled second = time.schedule(Duration.ofMillis(10), () -> ran.add(2));
    time.schedule(Duration.ofMillis(10), () -> ran.add(3));
    second.cancel();
    second.cancel();

    time.advance(Duration.ofMillis(10));

    assertThat(ran).containsExactly(1, 3);
    assertThat(time.pending()).isZero();
  }

  @Test
  void time_never_goes_back() {
    assertThatThrownBy(() -> time.advance(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
