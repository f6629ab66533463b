package dev.gantry.eval.report;

import dev.gantry.eval.baseline.MetricComparison;
import dev.gantry.eval.run.Metrics;
import dev.gantry.eval.run.RunResult;
import dev.gantry.eval.run.ThresholdResult;
import java.io.PrintStream;

/** The end-of-run summary for a terminal or CI log: plain ASCII lines. Stateless. */
public final class ConsoleSummary {
  private ConsoleSummary() {}

  public static void print(RunResult run, PrintStream out) {
    Metrics m = run.metrics();
    out.println(
        "passed "
            + m.passed()
            + "/"
            + m.cases()
            + " ("
            + Format.pct(m.passRate())
            + "), "
            + m.errors()
            + " error(s); mean score "
            + Format.score(m.meanScore())
            + "; p50 "
            + Format.ms(m.p50LatencyMs())
            + ", p95 "
            + Format.ms(m.p95LatencyMs())
            + "; cost "
            + Format.usd(m.totalCostUsd())
            + " ("
            + m.costReported()
            + "/"
            + m.cases()
            + " known); cache hits "
            + m.cacheHits());
    for (ThresholdResult t : run.thresholds()) {
      out.println(
          "  "
              + (t.passed() ? "PASS " : "FAIL ")
              + t.name()
              + " "
              + t.comparison()
              + " "
              + t.limit()
              + ": "
              + t.actual()
              + (t.detail().isEmpty() ? "" : " (" + t.detail() + ")"));
    }
    if (run.baseline() != null) {
      out.println(
          "baseline "
              + run.baseline().source()
              + ": "
              + run.baseline().paired()
              + " paired case(s), "
              + run.baseline().newlyFailing().size()
              + " newly failing, "
              + run.baseline().newlyPassing().size()
              + " newly passing");
      for (MetricComparison c : run.baseline().metrics()) {
        out.println(
            "  "
                + c.name()
                + " "
                + Format.signed(c.delta().estimate())
                + " [95% CI "
                + Format.signed(c.delta().low())
                + ", "
                + Format.signed(c.delta().high())
                + "]"
                + (c.significantRegression()
                    ? c.gated() ? "  REGRESSION" : "  worse"
                    : c.significantImprovement() ? "  better" : ""));
      }
      if (!run.baseline().newlyFailing().isEmpty()) {
        out.println("  newly failing: " + String.join(", ", run.baseline().newlyFailing()));
      }
    }
    out.println(
        run.passed()
            ? "RESULT: PASSED"
            : "RESULT: FAILED"
                + (run.thresholdsPassed() ? "" : " (threshold)")
                + (run.regressionFailed() ? " (regression against the baseline)" : ""));
    out.flush();
  }
}
