package dev.gantry.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.Json;
import dev.gantry.core.config.InvisiblePolicy;
import dev.gantry.core.config.SanitizeConfig;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A sanity bound on the cost of one inspection, not a benchmark: the bound is two orders of
 * magnitude above the measured figure so that a slow shared machine does not fail the build, while
 * an accidental quadratic or per-character regex would.
 */
class SanitizerPerformanceTest {
  static final String PARAGRAPH =
      "The quarterly report shows revenue of 4.2 million, up 12% on last year. Caf\u00E9 sales"
          + " in M\u00FCnchen and \u6771\u4EAC grew fastest \uD83D\uDE80; returns fell."
          + " Please summarise the risks for the board in three bullet points.\n";

  /** About 100 KB of JSON: a system prompt, a 20-turn conversation with parts, one tool call. */
  static ObjectNode hundredKilobytes() {
    ObjectNode body = Bodies.empty();
    Bodies.message(body, "system").put("content", "You are a careful analyst. ".repeat(40));
    for (int i = 0; i < 20; i++) {
      ArrayNode content = Bodies.message(body, "user").putArray("content");
      Bodies.textPart(content, PARAGRAPH.repeat(12));
      content
          .addObject()
          .put("type", "image_url")
          .putObject("image_url")
          .put("url", "https://example.com/chart-" + i + ".png");
      Bodies.message(body, "assistant").put("content", PARAGRAPH.repeat(11));
    }
    ObjectNode call = Bodies.message(body, "assistant").putArray("tool_calls").addObject();
    call.put("id", "call_1").put("type", "function");
    call.putObject("function").put("name", "lookup").put("arguments", "{\"q\":\"risks\"}");
    return body;
  }

  @Test
  void inspecting_a_100_kb_request_has_no_pathological_cost() {
    ObjectNode body = hundredKilobytes();
    int bytes = Json.toBytes(body).length;
    assertThat(bytes).isBetween(95_000, 130_000);
    Sanitizer sanitizer = new Sanitizer(SanitizeConfig.DEFAULTS);
    assertThat(sanitizer.inspect(body)).isSameAs(SanitizeResult.CLEAN);

    long[] nanos = measure(sanitizer, body, 1_000);
    long median = nanos[nanos.length / 2];
    long p99 = nanos[nanos.length * 99 / 100];
    System.out.printf(
        "sanitize %d-byte body: median %d us, p99 %d us, %.0f MB/s%n",
        bytes, median / 1_000, p99 / 1_000, bytes / (median / 1e9) / 1e6);
    assertThat(median).as("median nanoseconds").isLessThan(50_000_000L);
  }

  @Test
  void stripping_a_100_kb_request_with_findings_in_every_message_stays_cheap() {
    ObjectNode body = hundredKilobytes();
    for (var message : body.get("messages")) {
      if (message.path("content").isTextual()) {
        ((ObjectNode) message)
            .put("content", message.get("content").textValue() + Bodies.tags("hidden") + "\u200B");
      }
    }
    Sanitizer sanitizer =
        new Sanitizer(SanitizeConfig.DEFAULTS.withInvisible(InvisiblePolicy.STRIP));
    assertThat(sanitizer.inspect(body)).isInstanceOf(SanitizeResult.Stripped.class);

    long[] nanos = measure(sanitizer, body, 300);
    long median = nanos[nanos.length / 2];
    System.out.printf(
        "sanitize (strip, %d findings): median %d us%n",
        sanitizer.inspect(body).findings().size(), median / 1_000);
    assertThat(median).as("median nanoseconds").isLessThan(50_000_000L);
  }

  private static long[] measure(Sanitizer sanitizer, ObjectNode body, int runs) {
    for (int i = 0; i < runs; i++) {
      sanitizer.inspect(body); // warm-up
    }
    long[] nanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      sanitizer.inspect(body);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return nanos;
  }
}
