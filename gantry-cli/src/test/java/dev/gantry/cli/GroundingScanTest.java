package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code gantry guard scan --checks grounding} over answers with their sources. */
class GroundingScanTest {
  static final String SOURCE =
      "\"The old lighthouse on Karrak Point was built in 1871 by the harbour board.\"";

  static JsonNode line(String s) {
    return Json.tryParse(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void each_answer_gets_flagged_score_and_its_claims_in_input_order() {
    String[] lines =
        GuardScanTest.scan(
            "{\"text\": \"The lighthouse was built in 1871 [1].\", \"sources\": ["
                + SOURCE
                + "]}\n"
                + "{\"text\": \"It was built in 1871. Gustave Eiffel built it in 1895.\","
                + " \"sources\": ["
                + SOURCE
                + "], \"question\": \"When was the lighthouse built?\"}\n"
                + "{\"text\": \"no sources here\"}\n",
            "guard",
            "scan",
            "--checks",
            "grounding");
    assertThat(lines).hasSize(3);
    JsonNode grounded = line(lines[0]).path("results").path("grounding");
    assertThat(grounded.path("flagged").asBoolean()).isFalse();
    assertThat(grounded.path("claims").path(0).path("support").asText()).isEqualTo("supported");
    JsonNode invented = line(lines[1]).path("results").path("grounding");
    assertThat(invented.path("flagged").asBoolean()).isTrue();
    assertThat(invented.path("score").asDouble()).isGreaterThanOrEqualTo(0.5);
    assertThat(invented.path("claims")).hasSize(2);
    assertThat(invented.path("claims").path(0).path("support").asText()).isEqualTo("supported");
    assertThat(invented.path("claims").path(1).path("support").asText()).isNotEqualTo("supported");
    assertThat(line(lines[2]).path("error").asText()).contains("sources");
  }
}
