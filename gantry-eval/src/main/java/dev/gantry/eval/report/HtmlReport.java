package dev.gantry.eval.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.core.api.Json;
import dev.gantry.eval.assertion.AssertionResult;
import dev.gantry.eval.baseline.BaselineComparison;
import dev.gantry.eval.run.CaseResult;
import dev.gantry.eval.run.Metrics;
import dev.gantry.eval.run.RunResult;
import dev.gantry.eval.run.ThresholdResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no script, a Content Security
 * Policy that forbids loading anything) with the headline figures, charts by outcome, assertion
 * type, tag and latency, thresholds, the baseline comparison and every case with its input, output
 * and assertions. Stateless.
 */
final class HtmlReport {
  private static final String CSS =
      "body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d2430;background:#f6f7f9}"
          + "main{max-width:1100px;margin:0 auto;padding:24px}"
          + "h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 10px}"
          + ".meta{color:#5b6475}.badge{display:inline-block;padding:2px 10px;border-radius:12px;color:#fff;font-size:13px;vertical-align:middle}"
          + ".badge.pass{background:#2e8b57}.badge.fail{background:#c0392b}"
          + ".tiles{display:flex;flex-wrap:wrap;gap:10px;margin-top:16px}"
          + ".tile{background:#fff;border:1px solid #e2e5ea;border-radius:8px;padding:10px 14px;min-width:110px}"
          + ".tile b{display:block;font-size:20px}.tile span{color:#5b6475;font-size:12px}"
          + ".charts{display:flex;flex-wrap:wrap;gap:16px}.card{background:#fff;border:1px solid #e2e5ea;border-radius:8px;padding:12px}"
          + ".card h3{margin:0 0 8px;font-size:14px}"
          + "svg text{font-size:12px;fill:#1d2430}svg .big{font-size:22px;font-weight:600}"
          + "svg .track{fill:#eceff3}svg .track-stroke{stroke:#eceff3}svg .ok{fill:#2e8b57}svg .bad{fill:#c0392b}"
          + "svg .neutral{fill:#7f8a9c}svg .ok-stroke{stroke:#2e8b57}svg .bad-stroke{stroke:#c0392b}"
          + "svg .err-stroke{stroke:#8e44ad}svg .neutral-stroke{stroke:#7f8a9c}svg .axis{stroke:#9aa3b2}"
          + "table{border-collapse:collapse;background:#fff;width:100%}td,th{border:1px solid #e2e5ea;padding:4px 8px;text-align:left;vertical-align:top}"
          + "th{background:#f0f2f5}.num{text-align:right}.p{color:#2e8b57;font-weight:600}.f{color:#c0392b;font-weight:600}"
          + "details.case{background:#fff;border:1px solid #e2e5ea;border-left:4px solid #2e8b57;border-radius:6px;margin:6px 0;padding:6px 10px}"
          + "details.case.fail{border-left-color:#c0392b}details.case.error{border-left-color:#8e44ad}"
          + "summary{cursor:pointer}summary .id{font-weight:600}summary .tag{background:#eef1f5;border-radius:8px;padding:0 6px;margin-left:4px;font-size:12px}"
          + "pre{white-space:pre-wrap;word-break:break-word;background:#f6f7f9;border:1px solid #e2e5ea;border-radius:4px;padding:8px;margin:6px 0}"
          + "#onlyfail:checked~.cases details.pass{display:none}";

  private HtmlReport() {}

  static String build(RunResult run) {
    Metrics m = run.metrics();
    StringBuilder b = new StringBuilder(64 * 1024);
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>Eval: ")
        .append(e(run.suite().name()))
        .append("</title><style>")
        .append(CSS)
        .append("</style></head><body><main>\n");
    b.append("<h1>")
        .append(e(run.suite().name()))
        .append(' ')
        .append(
            run.passed()
                ? "<span class=\"badge pass\">PASSED</span>"
                : "<span class=\"badge fail\">FAILED</span>")
        .append("</h1>\n");
    if (run.suite().description() != null) {
      b.append("<p>").append(e(run.suite().description())).append("</p>\n");
    }
    b.append("<p class=\"meta\">Target ").append(e(run.info().target()));
    if (run.info().model() != null) {
      b.append(" · model ").append(e(run.info().model()));
    }
    b.append(" · started ")
        .append(e(run.info().startedAt().toString()))
        .append(" · ")
        .append(Format.seconds(run.info().durationMs()))
        .append(" s</p>\n");
    b.append("<div class=\"tiles\">");
    tile(b, Format.pct(m.passRate()), "pass rate");
    tile(b, m.passed() + " / " + m.cases(), "cases passed");
    tile(b, String.valueOf(m.errors()), "errors");
    tile(b, Format.score(m.meanScore()), "mean score");
    tile(b, Format.ms(m.p50LatencyMs()), "p50 latency");
    tile(b, Format.ms(m.p95LatencyMs()), "p95 latency");
    tile(
        b, Format.usd(m.totalCostUsd()), "cost (" + m.costReported() + "/" + m.cases() + " known)");
    tile(b, String.valueOf(m.cacheHits()), "cache hits");
    b.append("</div>\n<h2>Overview</h2><div class=\"charts\">");
    card(b, "Outcome", Charts.ring(m.passed(), m.failed(), m.errors()));
    if (!m.byType().isEmpty()) {
      List<Charts.Bar> bars = new ArrayList<>();
      for (Metrics.TypeMetrics t : m.byType().values()) {
        bars.add(
            new Charts.Bar(
                t.type(),
                t.meanScore(),
                Format.score(t.meanScore()) + " (" + t.passed() + "/" + t.count() + ")"));
      }
      card(b, "Mean score by assertion type", Charts.bars(bars));
    }
    if (!m.byTag().isEmpty()) {
      List<Charts.Bar> bars = new ArrayList<>();
      for (Metrics.TagMetrics t : m.byTag().values()) {
        bars.add(
            new Charts.Bar(
                t.tag(),
                t.passRate(),
                Format.pct(t.passRate()) + " (" + t.passed() + "/" + t.cases() + ")"));
      }
      card(b, "Pass rate by tag", Charts.bars(bars));
    }
    List<Long> latencies = new ArrayList<>();
    for (CaseResult c : run.cases()) {
      if (c.latencyMs() != null) {
        latencies.add(c.latencyMs());
      }
    }
    card(b, "Latency (ms)", Charts.histogram(latencies));
    b.append("</div>\n");
    if (!run.thresholds().isEmpty()) {
      b.append(
          "<h2>Thresholds</h2><table><tr><th>threshold</th><th>limit</th><th>actual</th><th>result</th></tr>");
      for (ThresholdResult t : run.thresholds()) {
        b.append("<tr><td>")
            .append(e(t.name()))
            .append("</td><td class=\"num\">")
            .append(e(t.comparison() + " " + t.limit()))
            .append("</td><td class=\"num\">")
            .append(e(t.actual()))
            .append("</td><td class=\"")
            .append(t.passed() ? "p\">pass" : "f\">FAIL")
            .append(t.detail().isEmpty() ? "" : " — " + e(t.detail()))
            .append("</td></tr>");
      }
      b.append("</table>\n");
    }
    if (run.baseline() != null) {
      baseline(b, run.baseline());
    }
    b.append(
            "<h2>Cases</h2><input type=\"checkbox\" id=\"onlyfail\"> <label for=\"onlyfail\">only failed cases</label>")
        .append("<div class=\"cases\">\n");
    for (CaseResult c : run.cases()) {
      caseBlock(b, c);
    }
    b.append("</div></main></body></html>\n");
    return b.toString();
  }

  private static void baseline(StringBuilder b, BaselineComparison c) {
    b.append("<h2>Against the baseline</h2><p class=\"meta\">")
        .append(e(c.source()))
        .append(": ")
        .append(c.paired())
        .append(
            " cases in both runs; change (current − baseline) with 95% paired bootstrap intervals, ")
        .append(c.resamples())
        .append(" resamples, seed ")
        .append(c.seed())
        .append(".")
        .append(c.regressed() ? " <span class=\"f\">Significant regression.</span>" : "")
        .append("</p>");
    if (!c.metrics().isEmpty()) {
      card(b, "Change per metric", Charts.forest(c.metrics()));
    }
    list(b, "Newly failing", c.newlyFailing());
    list(b, "Newly passing", c.newlyPassing());
    list(b, "Not in the baseline", c.added());
    list(b, "Only in the baseline", c.removed());
  }

  private static void list(StringBuilder b, String title, List<String> ids) {
    if (!ids.isEmpty()) {
      b.append("<p><b>")
          .append(title)
          .append(":</b> ")
          .append(e(String.join(", ", ids)))
          .append("</p>");
    }
  }

  private static void caseBlock(StringBuilder b, CaseResult c) {
    String cls = c.error() != null ? "error" : c.passed() ? "pass" : "fail";
    b.append("<details class=\"case ")
        .append(cls)
        .append("\"><summary><span class=\"")
        .append(c.passed() ? "p\">PASS" : c.error() != null ? "f\">ERROR" : "f\">FAIL")
        .append("</span> <span class=\"id\">")
        .append(e(c.id()))
        .append("</span> · ")
        .append(Format.score(c.score()));
    if (c.latencyMs() != null) {
      b.append(" · ").append(c.latencyMs()).append(" ms");
    }
    if (c.cached()) {
      b.append(" · cached");
    }
    for (String tag : c.tags()) {
      b.append("<span class=\"tag\">").append(e(tag)).append("</span>");
    }
    b.append("</summary>");
    if (c.description() != null) {
      b.append("<p>").append(e(c.description())).append("</p>");
    }
    if (c.error() != null) {
      b.append("<p class=\"f\">").append(e(c.error())).append("</p>");
    }
    b.append("<b>Input</b><pre>");
    for (var msg : c.request().path("messages")) {
      b.append(e(msg.path("role").asText()))
          .append(": ")
          .append(e(msg.path("content").asText()))
          .append('\n');
    }
    b.append("</pre><b>Output</b><pre>").append(e(c.output())).append("</pre>");
    if (!c.assertions().isEmpty()) {
      b.append(
          "<table><tr><th>assertion</th><th>weight</th><th>score</th><th>result</th><th>detail</th></tr>");
      for (AssertionResult a : c.assertions()) {
        b.append("<tr><td>")
            .append(e(a.type()))
            .append("</td><td class=\"num\">")
            .append(String.format(Locale.ROOT, "%.2f", a.weight()))
            .append("</td><td class=\"num\">")
            .append(Format.score(a.score()))
            .append("</td><td class=\"")
            .append(a.passed() ? "p\">pass" : "f\">fail")
            .append("</td><td>")
            .append(e(a.message()))
            .append("</td></tr>");
      }
      b.append("</table>");
    }
    if (c.response() != null) {
      b.append("<p class=\"meta\">HTTP ").append(c.response().status());
      for (Map.Entry<String, String> h : c.response().headers().entrySet()) {
        if (h.getKey().startsWith("x-gantry") || h.getKey().equals("x-request-id")) {
          b.append(" · ").append(e(h.getKey())).append(": ").append(e(h.getValue()));
        }
      }
      b.append("</p>");
    }
    try {
      b.append("<details><summary>request</summary><pre>")
          .append(e(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(c.request())))
          .append("</pre></details>");
    } catch (JsonProcessingException ex) {
      // a tree always serialises; nothing to show otherwise
    }
    b.append("</details>\n");
  }

  private static void tile(StringBuilder b, String value, String label) {
    b.append("<div class=\"tile\"><b>")
        .append(e(value))
        .append("</b><span>")
        .append(e(label))
        .append("</span></div>");
  }

  private static void card(StringBuilder b, String title, String svg) {
    b.append("<div class=\"card\"><h3>")
        .append(e(title))
        .append("</h3>")
        .append(svg)
        .append("</div>");
  }

  private static String e(String s) {
    return Xml.escape(s);
  }
}
