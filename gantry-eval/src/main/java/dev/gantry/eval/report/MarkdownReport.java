package dev.gantry.eval.report;

import dev.gantry.eval.baseline.BaselineComparison;
import dev.gantry.eval.baseline.MetricComparison;
import dev.gantry.eval.run.CaseResult;
import dev.gantry.eval.run.Metrics;
import dev.gantry.eval.run.RunResult;
import dev.gantry.eval.run.ThresholdResult;
import java.util.List;

/** {@code summary.md}: the headline, thresholds, metrics by type and tag, failures, baseline. */
final class MarkdownReport {
  private static final int MAX_FAILURES = 50;

  private MarkdownReport() {}

  static String build(RunResult run) {
    Metrics m = run.metrics();
    StringBuilder b = new StringBuilder();
    b.append("# Eval: ")
        .append(cell(run.suite().name()))
        .append(" — ")
        .append(run.passed() ? "PASSED" : "FAILED")
        .append("\n\n");
    if (run.suite().description() != null) {
      b.append(run.suite().description().strip()).append("\n\n");
    }
    b.append("Target `").append(run.info().target()).append('`');
    if (run.info().model() != null) {
      b.append(", model `").append(run.info().model()).append('`');
    }
    b.append(", started ")
        .append(run.info().startedAt())
        .append(", took ")
        .append(Format.seconds(run.info().durationMs()))
        .append(" s.\n\n");
    b.append(
        "| cases | passed | failed | errors | pass rate | mean score | p50 | p95 | cost | cache hits |\n");
    b.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    b.append("| ")
        .append(m.cases())
        .append(" | ")
        .append(m.passed())
        .append(" | ")
        .append(m.failed())
        .append(" | ")
        .append(m.errors())
        .append(" | ")
        .append(Format.pct(m.passRate()))
        .append(" | ")
        .append(Format.score(m.meanScore()))
        .append(" | ")
        .append(Format.ms(m.p50LatencyMs()))
        .append(" | ")
        .append(Format.ms(m.p95LatencyMs()))
        .append(" | ")
        .append(Format.usd(m.totalCostUsd()))
        .append(
            m.costReported() < m.cases()
                ? " (" + m.costReported() + "/" + m.cases() + " known)"
                : "")
        .append(" | ")
        .append(m.cacheHits())
        .append(" |\n\n");
    if (!run.thresholds().isEmpty()) {
      b.append("## Thresholds\n\n| threshold | limit | actual | result |\n|---|---:|---:|---|\n");
      for (ThresholdResult t : run.thresholds()) {
        b.append("| ")
            .append(t.name())
            .append(" | ")
            .append(t.comparison())
            .append(' ')
            .append(t.limit())
            .append(" | ")
            .append(t.actual())
            .append(" | ")
            .append(t.passed() ? "pass" : "**FAIL**")
            .append(t.detail().isEmpty() ? "" : " (" + cell(t.detail()) + ")")
            .append(" |\n");
      }
      b.append('\n');
    }
    if (!m.byType().isEmpty()) {
      b.append(
          "## By assertion type\n\n| type | count | passed | mean score |\n|---|---:|---:|---:|\n");
      for (Metrics.TypeMetrics t : m.byType().values()) {
        b.append("| ")
            .append(t.type())
            .append(" | ")
            .append(t.count())
            .append(" | ")
            .append(t.passed())
            .append(" | ")
            .append(Format.score(t.meanScore()))
            .append(" |\n");
      }
      b.append('\n');
    }
    if (!m.byTag().isEmpty()) {
      b.append(
          "## By tag\n\n| tag | cases | passed | pass rate | mean score |\n|---|---:|---:|---:|---:|\n");
      for (Metrics.TagMetrics t : m.byTag().values()) {
        b.append("| ")
            .append(cell(t.tag()))
            .append(" | ")
            .append(t.cases())
            .append(" | ")
            .append(t.passed())
            .append(" | ")
            .append(Format.pct(t.passRate()))
            .append(" | ")
            .append(Format.score(t.meanScore()))
            .append(" |\n");
      }
      b.append('\n');
    }
    if (run.baseline() != null) {
      baseline(b, run.baseline(), run.failOnRegression());
    }
    List<CaseResult> failed = run.cases().stream().filter(c -> !c.passed()).toList();
    if (!failed.isEmpty()) {
      b.append("## Failed cases\n\n| case | score | why |\n|---|---:|---|\n");
      for (int i = 0; i < Math.min(MAX_FAILURES, failed.size()); i++) {
        CaseResult c = failed.get(i);
        String why = c.error() != null ? "error: " + c.error() : JunitReport.failureMessage(c);
        b.append("| ")
            .append(cell(c.id()))
            .append(" | ")
            .append(Format.score(c.score()))
            .append(" | ")
            .append(cell(why.length() > 300 ? why.substring(0, 297) + "..." : why))
            .append(" |\n");
      }
      if (failed.size() > MAX_FAILURES) {
        b.append("\n…and ").append(failed.size() - MAX_FAILURES).append(" more in report.json.\n");
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static void baseline(StringBuilder b, BaselineComparison c, boolean gate) {
    b.append("## Against the baseline\n\n`")
        .append(c.source())
        .append("`: ")
        .append(c.paired())
        .append(" cases in both runs; 95% paired bootstrap intervals (")
        .append(c.resamples())
        .append(" resamples, seed ")
        .append(c.seed())
        .append(").")
        .append(
            c.regressed()
                ? " **Significant regression" + (gate ? " (fails the run)" : "") + ".**"
                : "")
        .append(
            "\n\n| metric | baseline | current | delta | 95% CI | verdict |\n|---|---:|---:|---:|---|---|\n");
    for (MetricComparison m : c.metrics()) {
      b.append("| ")
          .append(m.name())
          .append(" | ")
          .append(Format.score(m.baseline()))
          .append(" | ")
          .append(Format.score(m.current()))
          .append(" | ")
          .append(Format.signed(m.delta().estimate()))
          .append(" | [")
          .append(Format.signed(m.delta().low()))
          .append(", ")
          .append(Format.signed(m.delta().high()))
          .append("] | ")
          .append(
              m.significantRegression()
                  ? (m.gated() ? "**regression**" : "worse")
                  : m.significantImprovement() ? "improvement" : "no significant change")
          .append(" |\n");
    }
    b.append('\n');
    if (!c.newlyFailing().isEmpty()) {
      b.append("Newly failing: ").append(ids(c.newlyFailing())).append("\n\n");
    }
    if (!c.newlyPassing().isEmpty()) {
      b.append("Newly passing: ").append(ids(c.newlyPassing())).append("\n\n");
    }
    if (!c.added().isEmpty()) {
      b.append("Not in the baseline: ").append(ids(c.added())).append("\n\n");
    }
    if (!c.removed().isEmpty()) {
      b.append("Only in the baseline: ").append(ids(c.removed())).append("\n\n");
    }
  }

  private static String ids(List<String> ids) {
    return String.join(", ", ids.stream().map(i -> "`" + i + "`").toList());
  }

  /** Text safe inside a table cell: no pipes or line breaks. */
  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
  }
}
