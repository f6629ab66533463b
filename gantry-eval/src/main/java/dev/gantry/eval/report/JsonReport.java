package dev.gantry.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import dev.gantry.eval.assertion.AssertionResult;
import dev.gantry.eval.baseline.BaselineComparison;
import dev.gantry.eval.baseline.MetricComparison;
import dev.gantry.eval.run.CaseResult;
import dev.gantry.eval.run.Metrics;
import dev.gantry.eval.run.RunInfo;
import dev.gantry.eval.run.RunResult;
import dev.gantry.eval.run.ThresholdResult;
import dev.gantry.eval.suite.Suite;
import dev.gantry.eval.suite.Thresholds;
import java.nio.charset.StandardCharsets;

/**
 * {@code report.json}: schema {@value #SCHEMA}. Snake-case keys; money as decimal strings; the
 * response body embedded as JSON when it parses, else as a string. Stateless.
 */
final class JsonReport {
  static final String SCHEMA = "gantry-eval-report/1";

  private JsonReport() {}

  static ObjectNode build(RunResult run) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("schema", SCHEMA);
    root.set("suite", suite(run.suite()));
    root.set("config", config(run.info()));
    root.put("passed", run.passed());
    root.put("thresholds_passed", run.thresholdsPassed());
    root.put("regression_failed", run.regressionFailed());
    root.set("metrics", metrics(run.metrics()));
    ArrayNode thresholds = root.putArray("thresholds");
    for (ThresholdResult t : run.thresholds()) {
      thresholds
          .addObject()
          .put("name", t.name())
          .put("comparison", t.comparison())
          .put("limit", t.limit())
          .put("actual", t.actual())
          .put("passed", t.passed())
          .put("detail", t.detail());
    }
    root.set("baseline", run.baseline() == null ? f.nullNode() : baseline(run.baseline()));
    ArrayNode cases = root.putArray("cases");
    for (CaseResult c : run.cases()) {
      cases.add(caseNode(c));
    }
    return root;
  }

  private static ObjectNode suite(Suite s) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("name", s.name());
    n.put("source", s.source());
    n.put("description", s.description());
    n.put("cases", s.cases().size());
    Thresholds t = s.thresholds();
    ObjectNode th = n.putObject("thresholds");
    th.put("given", s.thresholdsGiven());
    if (t.passRate() != null) {
      th.put("pass_rate", t.passRate());
    }
    if (!t.meanScore().isEmpty()) {
      ObjectNode m = th.putObject("mean_score");
      t.meanScore().forEach(m::put);
    }
    if (t.p95LatencyMs() != null) {
      th.put("p95_latency_ms", t.p95LatencyMs());
    }
    if (t.totalCostUsd() != null) {
      th.put("total_cost_usd", t.totalCostUsd().toPlainString());
    }
    return n;
  }

  private static ObjectNode config(RunInfo i) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("target", i.target());
    n.put("gateway_config", i.gatewayConfig());
    n.put("model", i.model());
    n.put("started_at", i.startedAt().toString());
    n.put("duration_ms", i.durationMs());
    n.put("concurrency", i.concurrency());
    n.put("timeout_ms", i.timeoutMs());
    n.put("retries", i.retries());
    n.put("cache_dir", i.cacheDir());
    n.put("judge_model", i.judgeModel());
    return n;
  }

  private static ObjectNode metrics(Metrics m) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("cases", m.cases());
    n.put("passed", m.passed());
    n.put("failed", m.failed());
    n.put("errors", m.errors());
    n.put("pass_rate", m.passRate());
    n.put("mean_score", m.meanScore());
    if (m.p50LatencyMs() == null) {
      n.putNull("p50_latency_ms");
      n.putNull("p95_latency_ms");
    } else {
      n.put("p50_latency_ms", m.p50LatencyMs());
      n.put("p95_latency_ms", m.p95LatencyMs());
    }
    n.put("total_cost_usd", m.totalCostUsd().toPlainString());
    n.put("cost_reported", m.costReported());
    n.put("cache_hits", m.cacheHits());
    ObjectNode types = n.putObject("by_type");
    for (Metrics.TypeMetrics t : m.byType().values()) {
      types
          .putObject(t.type())
          .put("count", t.count())
          .put("passed", t.passed())
          .put("mean_score", t.meanScore());
    }
    ObjectNode tags = n.putObject("by_tag");
    for (Metrics.TagMetrics t : m.byTag().values()) {
      tags.putObject(t.tag())
          .put("cases", t.cases())
          .put("passed", t.passed())
          .put("pass_rate", t.passRate())
          .put("mean_score", t.meanScore());
    }
    return n;
  }

  private static ObjectNode baseline(BaselineComparison b) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("source", b.source());
    n.put("paired_cases", b.paired());
    n.put("resamples", b.resamples());
    n.put("seed", b.seed());
    n.put("confidence", 0.95);
    n.put("regressed", b.regressed());
    ArrayNode metrics = n.putArray("metrics");
    for (MetricComparison m : b.metrics()) {
      metrics
          .addObject()
          .put("name", m.name())
          .put("higher_is_better", m.higherIsBetter())
          .put("gated", m.gated())
          .put("pairs", m.pairs())
          .put("baseline", m.baseline())
          .put("current", m.current())
          .put("delta", m.delta().estimate())
          .put("ci_low", m.delta().low())
          .put("ci_high", m.delta().high())
          .put("significant_regression", m.significantRegression())
          .put("significant_improvement", m.significantImprovement());
    }
    strings(n.putArray("newly_failing"), b.newlyFailing());
    strings(n.putArray("newly_passing"), b.newlyPassing());
    strings(n.putArray("added"), b.added());
    strings(n.putArray("removed"), b.removed());
    return n;
  }

  private static ObjectNode caseNode(CaseResult c) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("id", c.id());
    n.put("description", c.description());
    strings(n.putArray("tags"), c.tags());
    n.put("model", c.model());
    n.put("passed", c.passed());
    n.put("score", c.score());
    if (c.threshold() == null) {
      n.putNull("threshold");
    } else {
      n.put("threshold", c.threshold());
    }
    if (c.latencyMs() == null) {
      n.putNull("latency_ms");
    } else {
      n.put("latency_ms", c.latencyMs());
    }
    n.put("cost_usd", c.costUsd() == null ? null : c.costUsd().toPlainString());
    n.put("cached", c.cached());
    n.put("attempts", c.attempts());
    n.put("error", c.error());
    n.put("output", c.output());
    n.set("request", c.request());
    if (c.response() == null) {
      n.putNull("response");
    } else {
      ObjectNode r = n.putObject("response");
      r.put("status", c.response().status());
      ObjectNode h = r.putObject("headers");
      c.response().headers().forEach(h::put);
      JsonNode body = Json.tryParse(c.response().body().getBytes(StandardCharsets.UTF_8));
      if (body != null && body.isContainerNode()) {
        r.set("body", body);
      } else {
        r.put("body", c.response().body());
      }
    }
    ArrayNode assertions = n.putArray("assertions");
    for (AssertionResult a : c.assertions()) {
      ObjectNode o =
          assertions
              .addObject()
              .put("type", a.type())
              .put("negated", a.negated())
              .put("weight", a.weight())
              .put("passed", a.passed())
              .put("score", a.score());
      if (a.threshold() == null) {
        o.putNull("threshold");
      } else {
        o.put("threshold", a.threshold());
      }
      o.put("message", a.message());
    }
    return n;
  }

  private static void strings(ArrayNode into, java.util.List<String> values) {
    values.forEach(into::add);
  }
}
