package dev.gantry.eval.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import dev.gantry.eval.assertion.AssertionResult;
import dev.gantry.eval.baseline.BaselineComparator;
import dev.gantry.eval.baseline.BaselineComparison;
import dev.gantry.eval.baseline.BaselineReader;
import dev.gantry.eval.baseline.Bootstrap;
import dev.gantry.eval.baseline.CaseRecord;
import dev.gantry.eval.http.HttpOutcome;
import dev.gantry.eval.run.CaseResult;
import dev.gantry.eval.run.Metrics;
import dev.gantry.eval.run.MetricsCalculator;
import dev.gantry.eval.run.RunInfo;
import dev.gantry.eval.run.RunResult;
import dev.gantry.eval.run.ThresholdCheck;
import dev.gantry.eval.run.ThresholdResult;
import dev.gantry.eval.suite.Suite;
import dev.gantry.eval.suite.SuiteLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportWriterTest {
  private static final String NASTY =
      "<script>alert(\"x\")</script> & see https://evil.example/pixel.png \u0001 done";

  static RunResult run(boolean withBaseline) throws Exception {
    Suite suite =
        SuiteLoader.parse(
            "name: demo\ndescription: A <b>demo</b> suite.\n"
                + "thresholds: {pass_rate: 0.5, mean_score: {contains: 0.9}, p95_latency_ms: 1000}\n"
                + "cases:\n  - {id: ok, prompt: hi, tags: [smoke]}\n  - {id: bad, prompt: hi, tags: [smoke, edge]}\n"
                + "  - {id: down, prompt: hi}\n",
            SuiteLoader.Format.YAML,
            "demo.yaml",
            null);
    HttpOutcome.Received response =
        new HttpOutcome.Received(
            200,
            Map.of("x-gantry-cost-usd", "0.002", "content-type", "application/json"),
            "{\"choices\":[{\"message\":{\"content\":\"Paris\"}}]}",
            120,
            1,
            false);
    List<CaseResult> cases = new ArrayList<>();
    cases.add(
        new CaseResult(
            "ok",
            0,
            null,
            List.of("smoke"),
            "m",
            Json.MAPPER.createObjectNode(),
            response,
            "Paris",
            List.of(
                new AssertionResult(
                    "contains", false, 1, true, 1, null, "output contains \"Paris\"")),
            true,
            1.0,
            null,
            120L,
            new BigDecimal("0.002"),
            false,
            1,
            null));
    cases.add(
        new CaseResult(
            "bad",
            1,
            "edge case",
            List.of("smoke", "edge"),
            "m",
            Json.MAPPER.createObjectNode(),
            response,
            NASTY,
            List.of(
                new AssertionResult(
                    "contains", false, 1, false, 0, null, "output lacks \"Paris\" <&>"),
                new AssertionResult("token-f1", false, 2, true, 0.8, 0.5, "token-f1 0.800")),
            false,
            0.53,
            null,
            480L,
            null,
            true,
            0,
            null));
    cases.add(
        new CaseResult(
            "down",
            2,
            null,
            List.of(),
            "m",
            Json.MAPPER.createObjectNode(),
            null,
            "",
            List.of(),
            false,
            0,
            null,
            null,
            null,
            false,
            3,
            "request failed after 3 attempt(s): timed out"));
    Metrics metrics = MetricsCalculator.compute(cases);
    List<ThresholdResult> thresholds = ThresholdCheck.check(suite.thresholds(), metrics);
    BaselineComparison baseline = null;
    if (withBaseline) {
      List<CaseRecord> before = new ArrayList<>(MetricsCalculator.records(cases));
      before.set(1, new CaseRecord("bad", true, 1.0, 100L, null, Map.of("contains", 1.0)));
      baseline =
          new BaselineComparator(new Bootstrap(42, 2000, 0.95))
              .compare("old/report.json", before, MetricsCalculator.records(cases));
    }
    RunInfo info =
        new RunInfo(
            "http://127.0.0.1:9",
            null,
            "m",
            Instant.parse("2025-01-02T03:04:05Z"),
            1500,
            4,
            1000,
            2,
            null,
            null);
    boolean passed = thresholds.stream().allMatch(ThresholdResult::passed);
    return new RunResult(suite, info, cases, metrics, thresholds, baseline, false, passed);
  }

  @Test
  void junit_xml_parses_back_with_one_testcase_per_case(@TempDir Path dir) throws Exception {
    ReportWriter.writeAll(run(false), dir);
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(dir.resolve("junit.xml").toFile());
    Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("name")).isEqualTo("demo");
    assertThat(suite.getAttribute("tests")).isEqualTo("3");
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    assertThat(suite.getAttribute("errors")).isEqualTo("1");
    NodeList testcases = doc.getElementsByTagName("testcase");
    assertThat(testcases.getLength()).isEqualTo(3);
    Element bad = (Element) testcases.item(1);
    assertThat(bad.getAttribute("name")).isEqualTo("bad");
    assertThat(bad.getAttribute("time")).isEqualTo("0.480");
    Element failure = (Element) bad.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message")).isEqualTo("contains: output lacks \"Paris\" <&>");
    assertThat(failure.getTextContent()).contains("PASS token-f1 [0.800]");
    assertThat(bad.getElementsByTagName("system-out").item(0).getTextContent())
        .contains("<script>");
    Element down = (Element) testcases.item(2);
    assertThat(((Element) down.getElementsByTagName("error").item(0)).getAttribute("message"))
        .contains("timed out");
    assertThat(((Element) testcases.item(0)).getElementsByTagName("failure").getLength()).isZero();
  }

  @Test
  void report_html_is_self_contained(@TempDir Path dir) throws Exception {
    ReportWriter.writeAll(run(true), dir);
    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<svg")
        .contains("Against the baseline");
    assertThat(html).contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("@import");
    assertThat(html).doesNotContain("\u0001");
    assertThat(
            Pattern.compile("(?i)(src|href|xlink:href|action)\\s*=\\s*[\"']?\\s*(https?:)?//")
                .matcher(html)
                .find())
        .as("no attribute loads or links a remote resource")
        .isFalse();
    assertThat(Pattern.compile("(?i)url\\s*\\(").matcher(html).find()).as("no CSS url()").isFalse();
    assertThat(html).contains("default-src 'none'");
  }

  @Test
  void report_json_reads_back_as_a_baseline(@TempDir Path dir) throws Exception {
    RunResult run = run(true);
    ReportWriter.writeAll(run, dir);
    JsonNode json = Json.MAPPER.readTree(dir.resolve("report.json").toFile());
    assertThat(json.path("schema").asText()).isEqualTo("gantry-eval-report/1");
    assertThat(json.path("metrics").path("pass_rate").asDouble()).isEqualTo(1 / 3.0);
    assertThat(json.path("metrics").path("by_tag").path("smoke").path("cases").asInt())
        .isEqualTo(2);
    assertThat(json.path("cases").get(0).path("response").path("body").path("choices").isArray())
        .isTrue();
    assertThat(json.path("cases").get(0).path("cost_usd").asText()).isEqualTo("0.002");
    assertThat(json.path("baseline").path("newly_failing").get(0).asText()).isEqualTo("bad");
    List<CaseRecord> back = BaselineReader.read(dir.resolve("report.json"));
    assertThat(back).extracting(CaseRecord::id).containsExactly("ok", "bad", "down");
    assertThat(back).extracting(CaseRecord::passed).containsExactly(true, false, false);
    assertThat(back.get(1).scoreByType()).containsEntry("token-f1", 0.8);
    assertThat(back.get(0).costUsd()).isEqualByComparingTo("0.002");
    assertThat(back.get(2).latencyMs()).isNull();
  }

  @Test
  void summary_markdown_and_console_show_thresholds_and_failures(@TempDir Path dir)
      throws Exception {
    RunResult run = run(true);
    ReportWriter.writeAll(run, dir);
    String md = Files.readString(dir.resolve("summary.md"));
    assertThat(md).startsWith("# Eval: demo — FAILED");
    assertThat(md).contains("| mean_score[contains] | >= 0.9000 | 0.5000 | **FAIL** |");
    assertThat(md).contains("| p95_latency_ms | <= 1000 | 480 | pass |");
    assertThat(md).contains("| `bad`".replace("`", "")).contains("Newly failing: `bad`");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleSummary.print(run, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String console = bytes.toString(StandardCharsets.UTF_8);
    assertThat(console).contains("passed 1/3 (33.3%), 1 error(s)");
    assertThat(console).contains("FAIL mean_score[contains] >= 0.9000: 0.5000");
    assertThat(console).contains("RESULT: FAILED (threshold)");
  }
}
