package dev.gantry.guardrails.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import dev.gantry.core.config.GuardAction;
import dev.gantry.guardrails.checks.PiiGuardrail;
import dev.gantry.guardrails.pii.PiiDetector;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class BatchScannerTest {
  static JsonNode parse(String line) {
    return Json.tryParse(line.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void writes_one_line_per_input_line_in_order_with_spans_and_errors() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      BatchScanner scanner =
          new BatchScanner(
              List.of(
                  new PiiGuardrail(PiiDetector.defaults(), Set.of(), GuardAction.FLAG, 0.5, false)),
              null,
              pool,
              2,
              3);
      StringBuilder in = new StringBuilder();
      for (int i = 0; i < 7; i++) {
        in.append(
            i == 4
                ? "not json\n"
                : "{\"text\": \"line "
                    + i
                    + (i % 2 == 0 ? " mail a" + i + "@b.com" : "")
                    + "\"}\n");
      }
      StringWriter out = new StringWriter();
      BatchScanner.Stats stats =
          scanner.scan(new BufferedReader(new StringReader(in.toString())), out);
      String[] lines = out.toString().split("\n");
      assertThat(lines).hasSize(7);
      assertThat(stats.lines()).isEqualTo(7);
      assertThat(stats.errors()).isEqualTo(1);
      assertThat(parse(lines[4]).path("error").asText()).contains("line 5");
      JsonNode first = parse(lines[0]).path("results").path("pii");
      assertThat(first.path("flagged").asBoolean()).isTrue();
      assertThat(first.path("spans").get(0).path("start").asInt()).isEqualTo(12);
      assertThat(first.path("spans").get(0).path("type").asText()).isEqualTo("EMAIL");
      assertThat(parse(lines[1]).path("results").path("pii").path("flagged").asBoolean()).isFalse();
      assertThat(
              parse(lines[6]).path("results").path("pii").path("spans").get(0).path("end").asInt())
          .isEqualTo("line 6 mail a6@b.com".length());
    } finally {
      pool.shutdownNow();
    }
  }
}
