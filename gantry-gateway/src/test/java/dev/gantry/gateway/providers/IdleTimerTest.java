package dev.gantry.gateway.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.time.ManualTime;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdleTimerTest {
  final ManualTime time = new ManualTime();
  final AtomicInteger fired = new AtomicInteger();

  @Test
  void fires_once_after_the_stream_has_been_silent_for_the_idle_time() {
    new IdleTimer(time, time, 1000, fired::incrementAndGet);

    time.advance(Duration.ofMillis(999));
    assertThat(fired).hasValue(0);
    time.advance(Duration.ofMillis(1));
    assertThat(fired).hasValue(1);
    time.advance(Duration.ofMinutes(1));
    assertThat(fired).hasValue(1);
  }

  @Test
  void data_moves_the_deadline_without_a_timer_per_chunk() {
    IdleTimer idle = new IdleTimer(time, time, 1000, fired::incrementAndGet);
    for (int i = 0; i < 10; i++) {
      time.advance(Duration.ofMillis(600));
      idle.touch();
    }
    assertThat(fired).hasValue(0);
    assertThat(time.pending()).isEqualTo(1);

    time.advance(Duration.ofMillis(999));
    assertThat(fired).hasValue(0);
    time.advance(Duration.ofMillis(1));
    assertThat(fired).hasValue(1);
  }

  @Test
  void a_cancelled_timer_never_fires() {
    IdleTimer idle = new IdleTimer(time, time, 1000, fired::incrementAndGet);
    idle.cancel();

    time.advance(Duration.ofSeconds(5));

    assertThat(fired).hasValue(0);
    assertThat(time.pending()).isZero();
  }
}
