package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code gantry guard scan} over standard input, as a batch job runs it. */
class GuardScanTest {

  static String[] scan(String input, String... args) {
    InputStream oldIn = System.in;
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      assertThat(Main.run(args)).isEqualTo(0);
    } finally {
      System.setIn(oldIn);
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    return out.toString(StandardCharsets.UTF_8).split("\n");
  }

  @Test
  void safety_scan_writes_flagged_score_and_categories_per_line_in_order() {
    String[] lines =
        scan(
            "{\"text\": \"How do I bake sourdough bread at home?\"}\n"
                + "{\"text\": \"I will find where you live and kill you and your whole family.\"}\n",
            "guard",
            "scan",
            "--checks",
            "safety,injection",
            "--threads",
            "1");
    assertThat(lines).hasSize(2);
    JsonNode benign = Json.tryParse(lines[0].getBytes(StandardCharsets.UTF_8)).path("results");
    JsonNode threat = Json.tryParse(lines[1].getBytes(StandardCharsets.UTF_8)).path("results");
    assertThat(benign.path("safety").path("flagged").asBoolean()).isFalse();
    assertThat(benign.path("safety").path("categories")).isEmpty();
    assertThat(threat.path("safety").path("flagged").asBoolean()).isTrue();
    assertThat(threat.path("safety").path("score").asDouble()).isGreaterThanOrEqualTo(0.5);
    assertThat(threat.path("safety").path("categories")).isNotEmpty();
    assertThat(threat.path("safety").path("category_scores").size()).isEqualTo(7);
    // The injection check keeps its format: flagged, score, spans.
    assertThat(threat.path("injection").has("flagged")).isTrue();
    assertThat(threat.path("injection").has("score")).isTrue();
    assertThat(threat.path("injection").has("spans")).isTrue();
    assertThat(threat.path("injection").has("categories")).isFalse();
  }
}
