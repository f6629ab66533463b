package dev.gantry.eval.report;

import dev.gantry.eval.assertion.AssertionResult;
import dev.gantry.eval.run.CaseResult;
import dev.gantry.eval.run.RunResult;
import java.util.Locale;

/**
 * {@code junit.xml} in the common Ant/Surefire shape: one {@code testsuite} named after the suite,
 * one {@code testcase} per case (classname {@code gantry.eval.<suite>}, name the case id, time in
 * seconds), a {@code failure} listing the failed assertions, or an {@code error} when the request
 * failed; the output is in {@code system-out}. Stateless.
 */
final class JunitReport {
  private JunitReport() {}

  static String build(RunResult run) {
    int failures = 0;
    int errors = 0;
    long totalMs = 0;
    for (CaseResult c : run.cases()) {
      if (c.error() != null) {
        errors++;
      } else if (!c.passed()) {
        failures++;
      }
      totalMs += c.latencyMs() == null ? 0 : c.latencyMs();
    }
    String name = Xml.escape(run.suite().name());
    StringBuilder b = new StringBuilder();
    b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append("<testsuites name=\"gantry eval\" tests=\"")
        .append(run.cases().size())
        .append("\" failures=\"")
        .append(failures)
        .append("\" errors=\"")
        .append(errors)
        .append("\" time=\"")
        .append(Format.seconds(run.info().durationMs()))
        .append("\">\n");
    b.append("  <testsuite name=\"")
        .append(name)
        .append("\" tests=\"")
        .append(run.cases().size())
        .append("\" failures=\"")
        .append(failures)
        .append("\" errors=\"")
        .append(errors)
        .append("\" skipped=\"0\" time=\"")
        .append(Format.seconds(totalMs))
        .append("\" timestamp=\"")
        .append(run.info().startedAt().toString())
        .append("\">\n");
    b.append("    <properties>\n");
    property(b, "target", run.info().target());
    property(b, "model", run.info().model());
    property(b, "pass_rate", String.format(Locale.ROOT, "%.4f", run.metrics().passRate()));
    property(b, "passed", String.valueOf(run.passed()));
    b.append("    </properties>\n");
    for (CaseResult c : run.cases()) {
      b.append("    <testcase classname=\"gantry.eval.")
          .append(name)
          .append("\" name=\"")
          .append(Xml.escape(c.id()))
          .append("\" time=\"")
          .append(Format.seconds(c.latencyMs() == null ? 0 : c.latencyMs()))
          .append("\">\n");
      if (c.error() != null) {
        b.append("      <error type=\"request\" message=\"")
            .append(Xml.escape(c.error()))
            .append("\">")
            .append(Xml.escape(c.error()))
            .append("</error>\n");
      } else if (!c.passed()) {
        String message = failureMessage(c);
        b.append("      <failure type=\"assertion\" message=\"")
            .append(Xml.escape(message))
            .append("\">")
            .append(Xml.escape(details(c)))
            .append("</failure>\n");
      }
      b.append("      <system-out>").append(Xml.escape(c.output())).append("</system-out>\n");
      b.append("    </testcase>\n");
    }
    b.append("  </testsuite>\n</testsuites>\n");
    return b.toString();
  }

  static String failureMessage(CaseResult c) {
    if (!c.failures().isEmpty()) {
      return String.join("; ", c.failures());
    }
    return String.format(
        Locale.ROOT, "score %.3f is below the case threshold %.3f", c.score(), c.threshold());
  }

  private static String details(CaseResult c) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "score %.3f", c.score()));
    if (c.threshold() != null) {
      b.append(String.format(Locale.ROOT, " (threshold %.3f)", c.threshold()));
    }
    b.append('\n');
    for (AssertionResult a : c.assertions()) {
      b.append(a.passed() ? "PASS " : "FAIL ")
          .append(a.type())
          .append(String.format(Locale.ROOT, " [%.3f]", a.score()))
          .append(": ")
          .append(a.message())
          .append('\n');
    }
    return b.toString();
  }

  private static void property(StringBuilder b, String name, String value) {
    b.append("      <property name=\"")
        .append(Xml.escape(name))
        .append("\" value=\"")
        .append(Xml.escape(value == null ? "" : value))
        .append("\"/>\n");
  }
}
