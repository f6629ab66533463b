package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped release gate ({@code examples/eval/suite.yaml}) run through {@code gantry eval
 * --config}, exactly as a deployment pipeline runs it: the demo deployment passes, and each
 * deliberately broken copy of it fails with exit code 1.
 *
 * <p>The configurations are copied into a temporary directory with {@code data_dir} pointing at a
 * temporary data directory shared by all tests (the first run ingests the knowledge base, later
 * runs find it unchanged) and the knowledge-base source made absolute, since tests run from the
 * module directory rather than the repository root.
 */
class EvalGateTest {
  @TempDir static Path shared;

  static Path repo;
  static Path suite;

  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  PrintStream oldOut;

  @BeforeAll
  static void findRepository() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("examples/eval/suite.yaml"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("repository root holding examples/eval/suite.yaml").isNotNull();
    repo = dir;
    suite = repo.resolve("examples/eval/suite.yaml");
  }

  @BeforeEach
  void capture() {
    oldOut = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(oldOut);
  }

  @Test
  void demo_deployment_passes_the_release_gate() throws IOException {
    Path reports = shared.resolve("reports-demo");
    int exit = eval("examples/demo.yaml", reports);

    JsonNode report = Json.MAPPER.readTree(reports.resolve("report.json").toFile());
    assertThat(exit).as(diagnosis(report)).isEqualTo(0);
    assertThat(report.path("passed").asBoolean()).isTrue();
    assertThat(report.path("metrics").path("cases").asInt()).isGreaterThanOrEqualTo(250);
    assertThat(report.path("metrics").path("errors").asInt()).isZero();
    assertThat(failedThresholds(report)).isEmpty();
    assertThat(reports.resolve("junit.xml")).isRegularFile();
    assertThat(Files.readString(reports.resolve("junit.xml"))).contains("name=\"qa-0000\"");
    assertThat(console()).contains("RESULT: PASSED");
  }

  @Test
  void gate_fails_when_retrieval_finds_nothing() throws IOException {
    Path reports = shared.resolve("reports-no-retrieval");
    int exit = eval("examples/eval/broken-no-retrieval.yaml", reports);

    JsonNode report = Json.MAPPER.readTree(reports.resolve("report.json").toFile());
    assertThat(exit).as(diagnosis(report)).isEqualTo(1);
    assertThat(report.path("metrics").path("errors").asInt()).as(diagnosis(report)).isZero();
    assertThat(report.path("passed").asBoolean()).isFalse();
    assertThat(failedThresholds(report))
        .contains("mean_score[hit-at-k]", "mean_score[icontains]", "pass_rate");
    assertThat(reports.resolve("junit.xml")).isRegularFile();
  }

  @Test
  void gate_fails_when_the_guardrails_are_removed() throws IOException {
    Path reports = shared.resolve("reports-no-guardrails");
    int exit = eval("examples/eval/broken-no-guardrails.yaml", reports);

    JsonNode report = Json.MAPPER.readTree(reports.resolve("report.json").toFile());
    assertThat(exit).as(diagnosis(report)).isEqualTo(1);
    assertThat(report.path("metrics").path("errors").asInt()).as(diagnosis(report)).isZero();
    assertThat(report.path("passed").asBoolean()).isFalse();
    assertThat(failedThresholds(report))
        .contains("mean_score[guardrail]")
        .doesNotContain("mean_score[hit-at-k]", "mean_score[icontains]");
    assertThat(reports.resolve("junit.xml")).isRegularFile();
  }

  /** Runs {@code gantry eval} on the shipped suite against a copy of {@code config}. */
  private int eval(String config, Path reports) throws IOException {
    Path copy = localCopy(repo.resolve(config));
    return Main.run(
        "eval",
        suite.toString(),
        "--config",
        copy.toString(),
        "--out",
        reports.toString(),
        "--no-cache",
        "--concurrency",
        "16",
        "--progress",
        "none");
  }

  /** The configuration with the shared data directory and an absolute knowledge-base path. */
  private static Path localCopy(Path config) throws IOException {
    String text = Files.readString(config);
    String dataDir = "data_dir: ${GANTRY_DATA_DIR:-gantry-data}";
    String sources = "sources: [examples/rag/kb]";
    assertThat(text).as(config + " as this test expects it").contains(dataDir, sources);
    text =
        text.replace(dataDir, "data_dir: '" + shared.resolve("data") + "'")
            .replace(sources, "sources: ['" + repo.resolve("examples/rag/kb") + "']");
    Path copy = shared.resolve(config.getFileName());
    Files.writeString(copy, text);
    return copy;
  }

  private static List<String> failedThresholds(JsonNode report) {
    List<String> failed = new ArrayList<>();
    for (JsonNode t : report.path("thresholds")) {
      if (!t.path("passed").asBoolean()) {
        failed.add(t.path("name").asText());
      }
    }
    return failed;
  }

  /** The console output and the first case that got no answer, for a failure message. */
  private String diagnosis(JsonNode report) {
    for (JsonNode c : report.path("cases")) {
      if (!c.path("error").isNull() && !c.path("error").isMissingNode()) {
        return console() + "\nfirst error: " + c.path("id").asText() + ": " + c.path("error");
      }
    }
    return console();
  }

  private String console() {
    return out.toString(StandardCharsets.UTF_8);
  }
}
