package dev.gantry.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code monitoring:}: defaults, a full block, and bad values named by their path. */
class MonitoringConfigTest {
  static final String ROUTES =
      "providers: {p: {type: openai_compatible, base_url: http://127.0.0.1:1/v1}}\n"
          + "routes: {ask: {deployments: [{provider: p, model: m}]}}\n";

  static GantryConfig parse(String monitoring) throws ConfigException {
    return ConfigLoader.parse(ROUTES + monitoring, Map.of(), "t");
  }

  @Test
  void without_a_monitoring_block_metrics_are_on_and_the_rest_off() throws Exception {
    MonitoringConfig m = parse("").monitoring();
    assertThat(m.metrics().enabled()).isTrue();
    assertThat(m.metrics().tenantLabels()).isZero();
    assertThat(m.tracing().enabled()).isFalse();
    assertThat(m.alerts().rules()).isEmpty();
    assertThat(m.drift().enabled()).isFalse();
    assertThat(m.evals()).isEmpty();
  }

  @Test
  void a_full_block_is_read() throws Exception {
    MonitoringConfig m =
        parse(
                "monitoring:\n"
                    + "  metrics: {tenant_labels: 50, public_listener: true}\n"
                    + "  tracing: {otlp_endpoint: \"http://collector:4318/v1/traces\","
                    + " sample_ratio: 0.25}\n"
                    + "  dashboard: {session_ttl: 2h}\n"
                    + "  alerts:\n"
                    + "    evaluate_every: 15s\n"
                    + "    webhooks: [{name: ops, url: \"https://hooks.example.com/x\","
                    + " format: slack}]\n"
                    + "    rules:\n"
                    + "      - {name: slow, metric: latency, aggregation: p95, window: 10m,"
                    + " comparator: \">=\", threshold: 2.5, for: 1m, severity: critical,"
                    + " labels: {route: ask}, webhooks: [ops]}\n"
                    + "  slos:\n"
                    + "    ask: {availability: 99.9, latency: {threshold: 2s, target: 99}}\n"
                    + "  drift: {enabled: true, routes: [ask], sample_rate: 0.5}\n")
            .monitoring();
    assertThat(m.metrics().publicListener()).isTrue();
    assertThat(m.tracing().sampleRatio()).isEqualTo(0.25);
    assertThat(m.sessionTtl()).isEqualTo(Duration.ofHours(2));
    assertThat(m.alerts().webhooks().get(0).format())
        .isEqualTo(MonitoringConfig.WebhookFormat.SLACK);
    MonitoringConfig.AlertRule rule = m.alerts().rules().get(0);
    assertThat(rule.signal()).isEqualTo(MonitoringConfig.Signal.LATENCY);
    assertThat(rule.aggregation()).isEqualTo(MonitoringConfig.Aggregation.P95);
    assertThat(rule.comparator()).isEqualTo(MonitoringConfig.Comparator.GTE);
    assertThat(rule.forDuration()).isEqualTo(Duration.ofMinutes(1));
    assertThat(rule.route()).isEqualTo("ask");
    assertThat(m.slos().get("ask").latencyThreshold()).isEqualTo(Duration.ofSeconds(2));
    assertThat(m.slos().get("ask").window()).isEqualTo(Duration.ofDays(30));
    assertThat(m.drift().watches("ask")).isTrue();
  }

  @Test
  void an_slo_with_only_availability_needs_no_latency_threshold() throws Exception {
    MonitoringConfig.Slo slo =
        parse("monitoring: {slos: {ask: {availability: 99.5}}}\n").monitoring().slos().get("ask");
    assertThat(slo.availability()).isEqualTo(99.5);
    assertThat(slo.latencyTarget()).isNaN();
  }

  @Test
  void bad_values_name_their_path() {
    String[][] cases = {
      {"monitoring: {tracing: {sample_ratio: 2}}\n", "monitoring.tracing.sample_ratio"},
      {"monitoring: {tracing: {otlp_endpoint: \"ftp://x\"}}\n", "monitoring.tracing.otlp_endpoint"},
      {
        "monitoring: {alerts: {rules: [{name: r, metric: error_ratio, aggregation: p99,"
            + " threshold: 1}]}}\n",
        "monitoring.alerts.rules.r.aggregation"
      },
      {
        "monitoring: {alerts: {rules: [{name: r, metric: bogus, threshold: 1}]}}\n",
        "monitoring.alerts.rules[0].metric"
      },
      {
        "monitoring: {alerts: {rules: [{name: r, metric: requests, threshold: 1,"
            + " webhooks: [nowhere]}]}}\n",
        "monitoring.alerts.rules[0].webhooks"
      },
      {"monitoring: {slos: {nope: {availability: 99}}}\n", "monitoring.slos.nope"},
      {"monitoring: {slos: {ask: {availability: 100}}}\n", "monitoring.slos.ask.availability"},
      {"monitoring: {drift: {enabled: true, alpha: 0.5}}\n", "monitoring.drift.alpha"},
      {"monitoring: {drift: {enabled: true, routes: [nope]}}\n", "monitoring.drift.routes"},
      {"monitoring: {metrics: {tenant_labels: 5000}}\n", "monitoring.metrics.tenant_labels"},
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> parse(c[0]))
          .as(c[0])
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(c[1]);
    }
  }
}
