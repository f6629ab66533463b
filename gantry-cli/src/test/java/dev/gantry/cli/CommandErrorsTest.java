package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands given bad input print one clean line and exit non-zero, never a stack trace. */
class CommandErrorsTest {
  final ByteArrayOutputStream err = new ByteArrayOutputStream();
  PrintStream oldErr;

  @BeforeEach
  void capture() {
    oldErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(oldErr);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void kb_ingest_and_drop_with_an_invalid_name_print_a_message_not_a_stack_trace(
      @TempDir Path dir) {
    for (String[] args :
        new String[][] {
          {"kb", "ingest", "Not A Name!", dir.toString(), "--data-dir", dir.toString()},
          {"kb", "drop", "../escape", "--data-dir", dir.toString()},
          {"kb", "stats", "", "--data-dir", dir.toString()}
        }) {
      err.reset();
      int code = Main.run(args);
      assertThat(code).as(String.join(" ", args)).isNotZero();
      assertThat(err()).contains("is not a knowledge base name").doesNotContain("\tat ");
      assertThat(err()).doesNotContain("Exception");
    }
  }

  @Test
  void an_unexpected_failure_is_one_line_naming_it(@TempDir Path dir) {
    int code =
        Main.run(
            "kb",
            "ingest",
            "docs",
            dir.resolve("missing").toString(),
            "--data-dir",
            dir.toString());
    assertThat(code).isNotZero();
    assertThat(err()).contains("missing").doesNotContain("\tat ");
  }
}
