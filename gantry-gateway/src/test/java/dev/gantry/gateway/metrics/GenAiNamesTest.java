package dev.gantry.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.events.EventBus;
import dev.gantry.core.events.RequestCompleted;
import dev.gantry.core.events.UpstreamAttemptCompleted;
import dev.gantry.gateway.tracing.GenAi;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The GenAI metric and attribute names against the OpenTelemetry semantic conventions v1.37.0
 * ({@code docs/gen-ai/gen-ai-metrics.md} of that release), as they appear in the Prometheus text:
 * dots become underscores and durations gain their unit suffix.
 */
class GenAiNamesTest {
  /** Metric name, unit suffix in Prometheus, and attributes the convention requires. */
  private static final Map<String, List<String>> CONVENTION =
      Map.of(
          "gen_ai.client.operation.duration",
              List.of("_seconds", "gen_ai.operation.name", "gen_ai.provider.name"),
          "gen_ai.client.token.usage",
              List.of("", "gen_ai.operation.name", "gen_ai.provider.name", "gen_ai.token.type"),
          "gen_ai.server.request.duration", List.of("_seconds", "gen_ai.operation.name"),
          "gen_ai.server.time_to_first_token", List.of("_seconds", "gen_ai.operation.name"),
          "gen_ai.server.time_per_output_token", List.of("_seconds", "gen_ai.operation.name"));

  @Test
  void the_convention_version_is_pinned() {
    assertThat(GenAi.SEMCONV_VERSION).isEqualTo("1.37.0");
    assertThat(GenAi.SCHEMA_URL).isEqualTo("https://opentelemetry.io/schemas/1.37.0");
  }

  @Test
  void exported_genai_metrics_use_the_convention_names_and_attributes() {
    EventBus events = new EventBus();
    Metrics m = new Metrics();
    m.attach(events);
    events.publish(
        new RequestCompleted(
            "r",
            "chat",
            "ask",
            "sim",
            "gpt-x",
            200,
            1,
            true,
            40_000_000,
            30_000_000,
            "t",
            null,
            null,
            12_000_000,
            20,
            9,
            null));
    events.publish(new UpstreamAttemptCompleted("r", "ask", "sim", "gpt-x", 1, 200, null, 1));
    String text = m.render();
    Set<String> families = new TreeSet<>();
    Matcher f = Pattern.compile("(?m)^# TYPE (gen_ai_\\S+) ").matcher(text);
    while (f.find()) {
      // Micrometer adds a gauge of the largest recent value beside each histogram.
      if (!f.group(1).endsWith("_max")) {
        families.add(f.group(1));
      }
    }
    Set<String> expected = new TreeSet<>();
    CONVENTION.forEach((name, spec) -> expected.add(name.replace('.', '_') + spec.get(0)));
    assertThat(families).isEqualTo(expected);
    CONVENTION.forEach(
        (name, spec) -> {
          String prom = name.replace('.', '_') + spec.get(0);
          Matcher line = Pattern.compile("(?m)^" + prom + "_count\\{([^}]*)\\}").matcher(text);
          assertThat(line.find()).as(prom).isTrue();
          for (String attribute : spec.subList(1, spec.size())) {
            assertThat(line.group(1)).as(prom).contains(attribute.replace('.', '_') + "=");
          }
        });
    assertThat(text).contains("gen_ai_operation_name=\"chat\"");
    // Deprecated in favour of gen_ai.provider.name.
    assertThat(text).doesNotContain("gen_ai_system");
  }

  @Test
  void provider_names_are_the_conventions_well_known_values() {
    assertThat(GenAi.PROVIDER_NAME).isEqualTo("gen_ai.provider.name");
    assertThat(GenAi.TOKEN_TYPE).isEqualTo("gen_ai.token.type");
    assertThat(List.of(GenAi.TOKEN_INPUT, GenAi.TOKEN_OUTPUT)).containsExactly("input", "output");
  }
}
