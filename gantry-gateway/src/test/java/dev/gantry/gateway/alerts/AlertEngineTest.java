package dev.gantry.gateway.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.config.MonitoringConfig;
import dev.gantry.core.config.MonitoringConfig.Aggregation;
import dev.gantry.core.config.MonitoringConfig.AlertRule;
import dev.gantry.core.config.MonitoringConfig.Comparator;
import dev.gantry.core.config.MonitoringConfig.Severity;
import dev.gantry.core.config.MonitoringConfig.Signal;
import dev.gantry.core.events.AlertChanged;
import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.RequestCompleted;
import dev.gantry.core.time.ManualTime;
import dev.gantry.gateway.metrics.Rollups;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rules, for-durations and SLO burn-rate pairs on a fake clock. */
class AlertEngineTest {
  final ManualTime time = new ManualTime(Instant.parse("2026-03-01T10:00:00Z"));
  final EventBus events = new EventBus();
  final List<AlertChanged> changes = new ArrayList<>();
  int ids;

  AlertEngine engine(List<AlertRule> rules, Map<String, MonitoringConfig.Slo> slos) {
    MonitoringConfig config =
        new MonitoringConfig(
            MonitoringConfig.Metrics.DEFAULTS,
            MonitoringConfig.Tracing.OFF,
            Duration.ofHours(1),
            new MonitoringConfig.Alerts(Duration.ofSeconds(30), List.of(), rules),
            slos,
            MonitoringConfig.Drift.OFF,
            List.of());
    Rollups rollups =
        new Rollups(
            time.clock(),
            route -> slos.containsKey(route) ? slos.get(route).latencyThreshold() : null,
            null);
    rollups.attach(events);
    events.subscribe(AlertChanged.class, changes::add);
    AlertEngine engine =
        new AlertEngine(config, rollups, events, time.clock(), new Webhooks(List.of()));
    engine.attach(events);
    return engine;
  }

  void requests(String route, int ok, int failed, long millis) {
    for (int i = 0; i < ok + failed; i++) {
      boolean bad = i < failed;
      events.publish(
          new RequestCompleted(
              "r" + ids++,
              "chat",
              route,
              "sim",
              "m",
              bad ? 502 : 200,
              1,
              false,
              millis * 1_000_000,
              millis * 900_000,
              "acme",
              null,
              bad ? "upstream_error" : null,
              -1,
              10,
              5,
              null));
    }
  }

  static AlertRule errorRule(Duration forDuration) {
    return new AlertRule(
        "errors",
        Signal.ERROR_RATIO,
        Aggregation.AVG,
        Duration.ofMinutes(5),
        Comparator.GT,
        0.5,
        forDuration,
        Severity.CRITICAL,
        Map.of("route", "ask"),
        List.of());
  }

  @Test
  void a_rule_fires_only_after_holding_for_its_duration_and_resolves_when_it_stops_holding() {
    AlertEngine engine = engine(List.of(errorRule(Duration.ofMinutes(2))), Map.of());
    requests("ask", 1, 3, 20);
    engine.evaluate();
    assertThat(changes).isEmpty();
    assertThat(engine.toJson(false).path("data").get(0).path("state").asText())
        .isEqualTo("pending");
    time.advance(Duration.ofSeconds(90));
    engine.evaluate();
    assertThat(changes).isEmpty();
    time.advance(Duration.ofSeconds(30));
    engine.evaluate();
    assertThat(changes).hasSize(1);
    AlertChanged fired = changes.get(0);
    assertThat(fired.firing()).isTrue();
    assertThat(fired.value()).isEqualTo(0.75);
    assertThat(fired.at()).isEqualTo(Instant.parse("2026-03-01T10:02:00Z"));
    assertThat(engine.firing()).containsExactly("errors");
    // Healthy traffic brings the window's ratio under the threshold: resolved at once.
    requests("ask", 20, 0, 20);
    engine.evaluate();
    assertThat(changes).hasSize(2);
    assertThat(changes.get(1).firing()).isFalse();
    assertThat(engine.firing()).isEmpty();
  }

  @Test
  void a_rule_on_one_route_ignores_the_others_and_no_data_never_fires() {
    AlertEngine engine = engine(List.of(errorRule(Duration.ZERO)), Map.of());
    engine.evaluate();
    requests("other", 0, 10, 20);
    engine.evaluate();
    assertThat(changes).isEmpty();
    requests("ask", 0, 1, 20);
    engine.evaluate();
    assertThat(changes).extracting(AlertChanged::name).containsExactly("errors");
  }

  @Test
  void the_errors_leave_the_window_and_the_alert_resolves() {
    AlertEngine engine = engine(List.of(errorRule(Duration.ZERO)), Map.of());
    requests("ask", 0, 5, 20);
    engine.evaluate();
    assertThat(engine.firing()).containsExactly("errors");
    time.advance(Duration.ofMinutes(6));
    engine.evaluate();
    assertThat(engine.firing()).isEmpty();
  }

  @Test
  void a_fast_availability_burn_pages_on_the_one_hour_five_minute_pair_and_stops_with_the_burn() {
    MonitoringConfig.Slo slo =
        new MonitoringConfig.Slo(
            "ask", 99.9, null, Double.NaN, Duration.ofDays(30), Severity.CRITICAL);
    AlertEngine engine = engine(List.of(), Map.of("ask", slo));
    // An hour of clean traffic, then 5% errors: over the last hour 500 of 15,000 requests
    // failed (33x the 0.1% budget), over the last 5 minutes 5% (50x); both above 14.4x.
    for (int m = 0; m < 60; m++) {
      requests("ask", 100, 0, 20);
      time.advance(Duration.ofMinutes(1));
    }
    engine.evaluate();
    assertThat(engine.firing()).isEmpty();
    for (int m = 0; m < 10; m++) {
      requests("ask", 950, 50, 20);
      time.advance(Duration.ofMinutes(1));
    }
    engine.evaluate();
    assertThat(engine.firing()).contains("slo_ask_availability_1h/5m");
    AlertChanged page =
        changes.stream()
            .filter(c -> c.name().equals("slo_ask_availability_1h/5m"))
            .findFirst()
            .get();
    assertThat(page.severity()).isEqualTo("critical");
    assertThat(page.threshold()).isEqualTo(14.4);
    assertThat(engine.toJson(false).path("slos").get(0).path("error_budget_left").asDouble())
        .isLessThan(1);
    // The burn stops: the 5-minute window clears first and the page resolves though the hour
    // still holds the errors.
    for (int m = 0; m < 6; m++) {
      requests("ask", 100, 0, 20);
      time.advance(Duration.ofMinutes(1));
    }
    engine.evaluate();
    assertThat(engine.firing()).doesNotContain("slo_ask_availability_1h/5m");
  }

  @Test
  void a_slow_burn_does_not_page() {
    MonitoringConfig.Slo slo =
        new MonitoringConfig.Slo(
            "ask", 99.0, null, Double.NaN, Duration.ofDays(30), Severity.CRITICAL);
    AlertEngine engine = engine(List.of(), Map.of("ask", slo));
    // 2% errors against a 1% budget: 2x, under both paging factors (14.4x and 6x).
    for (int m = 0; m < 70; m++) {
      requests("ask", 98, 2, 20);
      time.advance(Duration.ofMinutes(1));
    }
    engine.evaluate();
    assertThat(engine.firing())
        .doesNotContain("slo_ask_availability_1h/5m", "slo_ask_availability_6h/30m");
  }

  @Test
  void a_tenant_sees_only_the_alerts_and_changes_labelled_with_it_and_no_slos() {
    MonitoringConfig.Slo slo =
        new MonitoringConfig.Slo(
            "other", 99.9, null, Double.NaN, Duration.ofDays(30), Severity.CRITICAL);
    AlertEngine engine = engine(List.of(errorRule(Duration.ZERO)), Map.of("other", slo));
    requests("ask", 0, 10, 20);
    engine.evaluate();
    Instant midnight = Instant.parse("2026-03-02T00:00:00Z");
    events.publish(
        new dev.gantry.core.events.SpendLimitWarning(
            "acme", "tenant_daily", "acme", 1_000, 1_140, time.clock().instant(), midnight));
    assertThat(engine.firing()).containsExactlyInAnyOrder("errors", "budget_tenant_daily_acme");

    var all = engine.toJson(false);
    assertThat(all.path("data")).hasSize(2);
    assertThat(all.path("slos")).hasSize(1);
    assertThat(all.has("webhooks")).isTrue();
    var acme = engine.toJson(true, "acme");
    assertThat(acme.path("data")).hasSize(1);
    assertThat(acme.path("data").get(0).path("name").asText())
        .isEqualTo("budget_tenant_daily_acme");
    assertThat(acme.path("history")).hasSize(1);
    assertThat(acme.path("slos")).isEmpty();
    assertThat(acme.has("webhooks")).isFalse();
    var globex = engine.toJson(true, "globex");
    assertThat(globex.path("data")).isEmpty();
    assertThat(globex.path("history")).isEmpty();
  }
}
