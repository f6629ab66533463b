package dev.gantry.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.config.RetryConfig;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
  final RetryConfig retry = new RetryConfig(5, Duration.ofMillis(100), Duration.ofMillis(1000));

  @Test
  void delays_stay_within_the_doubling_ceiling() {
    Backoff backoff = new Backoff(new SplittableRandom(1));
    for (int i = 0; i < 1000; i++) {
      assertThat(backoff.delayMillis(retry, 1, -1)).isBetween(0L, 100L);
      assertThat(backoff.delayMillis(retry, 2, -1)).isBetween(0L, 200L);
      assertThat(backoff.delayMillis(retry, 3, -1)).isBetween(0L, 400L);
      assertThat(backoff.delayMillis(retry, 10, -1)).isBetween(0L, 1000L);
    }
  }

  @Test
  void full_jitter_spreads_delays_over_the_whole_range() {
    Backoff backoff = new Backoff(new SplittableRandom(2));
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < 2000; i++) {
      long d = backoff.delayMillis(retry, 3, -1);
      min = Math.min(min, d);
      max = Math.max(max, d);
    }
    assertThat(min).isLessThan(40);
    assertThat(max).isGreaterThan(360);
  }

  @Test
  void retry_after_wins_when_longer_but_is_capped_at_max_delay() {
    Backoff backoff = new Backoff(new SplittableRandom(3));
    assertThat(backoff.delayMillis(retry, 1, 700)).isEqualTo(700);
    assertThat(backoff.delayMillis(retry, 1, 30_000)).isEqualTo(1000);
  }

  @Test
  void same_seed_gives_the_same_delays() {
    Backoff a = new Backoff(new SplittableRandom(9));
    Backoff b = new Backoff(new SplittableRandom(9));
    for (int i = 1; i < 20; i++) {
      assertThat(a.delayMillis(retry, i % 5 + 1, -1))
          .isEqualTo(b.delayMillis(retry, i % 5 + 1, -1));
    }
  }

  @Test
  void parses_retry_after_seconds_and_milliseconds() {
    assertThat(Backoff.parseRetryAfter("2", null)).isEqualTo(2000);
    assertThat(Backoff.parseRetryAfter("0.5", null)).isEqualTo(500);
    assertThat(Backoff.parseRetryAfter("2", "150")).isEqualTo(150);
    assertThat(Backoff.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", null)).isEqualTo(-1);
    assertThat(Backoff.parseRetryAfter(null, null)).isEqualTo(-1);
  }
}
