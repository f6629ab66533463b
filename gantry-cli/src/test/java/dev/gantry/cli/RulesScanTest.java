package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code gantry guard scan --checks rules} with the rules of a configuration file. */
class RulesScanTest {
  @Test
  void texts_that_break_a_rule_of_the_config_are_flagged_in_order() {
    String[] lines =
        GuardScanTest.scan(
            "{\"text\": \"The kettle costs $24.50.\"}\n"
                + "{\"text\": \"The kettle costs $19.99.\"}\n",
            "guard",
            "scan",
            "--checks",
            "rules",
            "--config",
            Path.of("..", "examples", "rules.yaml").toString(),
            "--route",
            "shop",
            "--threads",
            "1");
    assertThat(lines).hasSize(2);
    JsonNode ok = Json.tryParse(lines[0].getBytes(StandardCharsets.UTF_8)).path("results");
    JsonNode broken = Json.tryParse(lines[1].getBytes(StandardCharsets.UTF_8)).path("results");
    assertThat(ok.path("rules").path("flagged").asBoolean()).isFalse();
    assertThat(broken.path("rules").path("flagged").asBoolean()).isTrue();
  }
}
