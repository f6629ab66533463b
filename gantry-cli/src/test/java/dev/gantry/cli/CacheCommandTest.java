package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.core.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gantry cache eval} and {@code gantry cache calibrate} on a handful of pairs. */
class CacheCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static final List<String> PAIRS =
      List.of(
          "{\"a\":\"How do I reset my password?\",\"b\":\"How can I reset my password?\","
              + "\"same\":true}",
          "{\"a\":\"How do I turn on dark mode?\",\"b\":\"How do I turn off dark mode?\","
              + "\"same\":false}",
          "{\"a\":\"What is the capital of France?\",\"b\":\"What is the capital of Spain?\","
              + "\"same\":false}",
          "{\"a\":\"Can I get a refund within 30 days?\","
              + "\"b\":\"Is a refund possible within 30 days?\",\"same\":true}",
          "{\"a\":\"How tall is the Eiffel Tower?\",\"b\":\"What is the height of the Eiffel"
              + " Tower?\",\"same\":true}",
          "{\"a\":\"What time does the shop open?\",\"b\":\"Where can I park my car?\","
              + "\"same\":false}");

  static String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.run(args);
    } finally {
      System.setOut(old);
    }
    assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void eval_writes_one_line_per_pair_in_order_with_the_guarded_decision(@TempDir Path dir)
      throws Exception {
    Path pairs = dir.resolve("pairs.jsonl");
    Files.write(pairs, PAIRS);
    List<String> lines = run("cache", "eval", "--pairs", pairs.toString()).lines().toList();
    assertThat(lines).hasSize(PAIRS.size());
    for (int i = 0; i < lines.size(); i++) {
      JsonNode o = JSON.readTree(lines.get(i));
      boolean same = JSON.readTree(PAIRS.get(i)).get("same").asBoolean();
      assertThat(o.get("similarity").asDouble()).isBetween(-1.0, 1.0);
      assertThat(o.get("hit").asBoolean()).as(PAIRS.get(i)).isEqualTo(same);
    }
    assertThat(JSON.readTree(lines.get(1)).get("guard").asText()).isEqualTo("polarity");
    assertThat(JSON.readTree(lines.get(2)).get("guard").asText()).isEqualTo("entity");
  }

  @Test
  void calibrate_prints_the_curve_and_writes_the_threshold_into_the_route(@TempDir Path dir)
      throws Exception {
    Path pairs = dir.resolve("pairs.jsonl");
    Files.write(pairs, PAIRS);
    Path config = dir.resolve("gantry.yaml");
    Files.writeString(
        config,
        "# kept\nproviders:\n  sim: {type: openai_compatible, base_url: http://127.0.0.1:1/v1}\n"
            + "routes:\n  faq:\n    deployments: [{provider: sim, model: m}]\n"
            + "    cache:\n      ttl: 5m\n");
    String out =
        run(
            "cache",
            "calibrate",
            "--pairs",
            pairs.toString(),
            "--precision",
            "0.97",
            "--config",
            config.toString(),
            "--route",
            "faq",
            "--write");
    assertThat(out).contains("0.500  hits", "precision 1.0000", "wrote routes.faq.cache.threshold");
    String text = Files.readString(config);
    assertThat(text).startsWith("# kept\n").contains("ttl: 5m");
    double written = ConfigLoader.load(config, Map.of()).routes().get("faq").cache().threshold();
    assertThat(written).isBetween(0.5, 0.99);
    assertThat(out).contains(String.format(java.util.Locale.ROOT, "threshold %.3f:", written));
  }
}
