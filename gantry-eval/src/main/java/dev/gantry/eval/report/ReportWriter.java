package dev.gantry.eval.report;

import dev.gantry.core.api.Json;
import dev.gantry.eval.run.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes every report of a run into a directory, creating it. Stateless. */
public final class ReportWriter {
  public static final String JSON = "report.json";
  public static final String JUNIT = "junit.xml";
  public static final String MARKDOWN = "summary.md";
  public static final String HTML = "report.html";

  private ReportWriter() {}

  /** Writes the four reports and returns their paths. */
  public static List<Path> writeAll(RunResult run, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path json = dir.resolve(JSON);
    Files.write(
        json,
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(JsonReport.build(run)));
    Path junit = dir.resolve(JUNIT);
    Files.writeString(junit, JunitReport.build(run), StandardCharsets.UTF_8);
    Path md = dir.resolve(MARKDOWN);
    Files.writeString(md, MarkdownReport.build(run), StandardCharsets.UTF_8);
    Path html = dir.resolve(HTML);
    Files.writeString(html, HtmlReport.build(run), StandardCharsets.UTF_8);
    return List.of(json, junit, md, html);
  }
}
