package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();
  PrintStream oldOut;
  PrintStream oldErr;

  @BeforeEach
  void capture() {
    oldOut = System.out;
    oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(oldOut);
    System.setErr(oldErr);
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void config_validate_prints_a_summary_without_secrets(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("gantry.yaml");
    Files.writeString(
        file,
        "providers:\n  openai: {type: openai, base_url: 'https://api.openai.com/v1', api_key: sk-literal-secret}\n"
            + "routes:\n  fast: {deployments: [{provider: openai, model: gpt-4o-mini}]}\n");
    assertThat(Main.run("config", "validate", file.toString())).isEqualTo(0);
    assertThat(out())
        .contains("is valid")
        .contains("fast")
        .contains("gpt-4o-mini")
        .doesNotContain("sk-literal-secret");
  }

  @Test
  void config_validate_lists_every_problem_and_exits_1(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("gantry.yaml");
    Files.writeString(
        file,
        "server: {port: 70000}\nproviders:\n  p: {type: opneai, base_url: 'http://x'}\n"
            + "routes:\n  r: {deployments: [{provider: q, model: m}]}\n");
    assertThat(Main.run("config", "validate", file.toString())).isEqualTo(1);
    assertThat(err()).contains("server.port").contains("70000").contains("providers.p.type");
  }

  @Test
  void every_command_has_help() {
    for (String[] args :
        new String[][] {
          {"--help"},
          {"serve", "--help"},
          {"sim", "--help"},
          {"config", "validate", "--help"},
          {"version", "--help"}
        }) {
      assertThat(Main.run(args)).isEqualTo(0);
    }
    assertThat(out())
        .contains("serve")
        .contains("--config")
        .contains("--port")
        .contains("--scenario")
        .contains("--seed");
  }

  @Test
  void version_prints_the_java_runtime() {
    assertThat(Main.run("version")).isEqualTo(0);
    assertThat(out()).startsWith("gantry ").contains("java ");
  }

  @Test
  void serve_with_an_invalid_config_exits_1(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "routes: {}\n");
    assertThat(Main.run("serve", "--config", file.toString())).isEqualTo(1);
    assertThat(err()).contains("routes");
  }
}
