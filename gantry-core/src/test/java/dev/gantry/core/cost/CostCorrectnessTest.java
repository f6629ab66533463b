package dev.gantry.core.cost;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.api.Json;
import dev.gantry.core.api.Usage;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cost-correctness table: one request per provider and token class, with the usage object as
 * the provider returns it, the expected cost worked out by hand (shown in each row's comment) and
 * Gantry's figure, which must be equal to the micro-dollar.
 */
class CostCorrectnessTest {

  /**
   * @param usage the usage as the provider reports it ({@code openai} shape, {@code gemini}
   *     usageMetadata)
   * @param expectedMicros worked out by hand from the catalog's prices
   */
  record Row(
      String name,
      String provider,
      String model,
      LocalDate day,
      String shape,
      String usage,
      long expectedMicros) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Row> rows() {
    LocalDate day = LocalDate.of(2025, 12, 1);
    return List.of(
        // 1000 x 0.15 + 500 x 0.60 = 450 per million -> USD 0.000450
        new Row(
            "openai gpt-4o-mini plain",
            "openai",
            "gpt-4o-mini",
            day,
            "openai",
            "{\"prompt_tokens\":1000,\"completion_tokens\":500,\"total_tokens\":1500}",
            450),
        // cached tokens are part of prompt_tokens: (2048-1024) x 0.15 + 1024 x 0.075 + 100 x 0.60
        // = 153.6 + 76.8 + 60 = 290.4 -> 290 micro-USD (half-up)
        new Row(
            "openai gpt-4o-mini cached input",
            "openai",
            "gpt-4o-mini",
            day,
            "openai",
            "{\"prompt_tokens\":2048,\"completion_tokens\":100,\"total_tokens\":2148,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":1024}}",
            290),
        // reasoning tokens are part of completion_tokens and billed as output:
        // 500 x 1.10 + 1200 x 4.40 = 550 + 5280 = 5830
        new Row(
            "openai o4-mini reasoning",
            "openai",
            "o4-mini",
            day,
            "openai",
            "{\"prompt_tokens\":500,\"completion_tokens\":1200,\"total_tokens\":1700,"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":1000}}",
            5830),
        // o3 before its price cut: 1000 x 10 + 1000 x 40 = 50000
        new Row(
            "openai o3 on 2025-06-09 (old price)",
            "openai",
            "o3",
            LocalDate.of(2025, 6, 9),
            "openai",
            "{\"prompt_tokens\":1000,\"completion_tokens\":1000,\"total_tokens\":2000}",
            50_000),
        // o3 after: 1000 x 2 + 1000 x 8 = 10000
        new Row(
            "openai o3 on 2025-06-10 (new price)",
            "openai",
            "o3",
            LocalDate.of(2025, 6, 10),
            "openai",
            "{\"prompt_tokens\":1000,\"completion_tokens\":1000,\"total_tokens\":2000}",
            10_000),
        // 7 x 0.10 + 3 x 0.40 = 1.9 -> 2 micro-USD (half-up)
        new Row(
            "openai gpt-4.1-nano rounding",
            "openai",
            "gpt-4.1-nano",
            day,
            "openai",
            "{\"prompt_tokens\":7,\"completion_tokens\":3,\"total_tokens\":10}",
            2),
        // (1536-1024) x 2.50 + 1024 x 1.25 + 64 x 10 = 1280 + 1280 + 640 = 3200
        new Row(
            "azure gpt-4o cached input",
            "azure",
            "gpt-4o",
            day,
            "openai",
            "{\"prompt_tokens\":1536,\"completion_tokens\":64,\"total_tokens\":1600,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":1024}}",
            3200),
        // as Gantry's Anthropic translation reports it (prompt = 100 + 2000 + 1500):
        // 100 x 3 + 2000 x 0.30 + 1000 x 3.75 + 500 x 6 + 300 x 15
        // = 300 + 600 + 3750 + 3000 + 4500 = 12150
        new Row(
            "anthropic sonnet-4.5 cache read + 5m/1h writes",
            "anthropic",
            "claude-sonnet-4-5",
            day,
            "openai",
            "{\"prompt_tokens\":3600,\"completion_tokens\":300,\"total_tokens\":3900,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":2000},"
                + "\"cache_read_input_tokens\":2000,\"cache_creation_input_tokens\":1500,"
                + "\"cache_creation\":{\"ephemeral_5m_input_tokens\":1000,"
                + "\"ephemeral_1h_input_tokens\":500}}",
            12_150),
        // writes without the TTL split count as 5-minute writes: 1000 x 0.80 + 4000 x 1.00 + 200
        // x 4 = 800 + 4000 + 800 = 5600
        new Row(
            "anthropic haiku-3.5 cache write, no TTL split",
            "anthropic",
            "claude-3-5-haiku-20241022",
            day,
            "openai",
            "{\"prompt_tokens\":5000,\"completion_tokens\":200,\"total_tokens\":5200,"
                + "\"cache_creation_input_tokens\":4000}",
            5600),
        // above 200K input the whole request is billed at the long-context rates:
        // 250000 x 6 + 1000 x 22.50 = 1,500,000 + 22,500 = 1,522,500
        new Row(
            "anthropic sonnet-4.5 long context",
            "anthropic",
            "claude-sonnet-4-5",
            day,
            "openai",
            "{\"prompt_tokens\":250000,\"completion_tokens\":1000,\"total_tokens\":251000}",
            1_522_500),
        // cached content is part of promptTokenCount, thoughts are output:
        // 2000 x 1.25 + 8000 x 0.31 + (500 + 1500) x 10 = 2500 + 2480 + 20000 = 24980
        new Row(
            "gemini 2.5-pro cached content + thoughts",
            "gemini",
            "gemini-2.5-pro",
            day,
            "gemini",
            "{\"promptTokenCount\":10000,\"cachedContentTokenCount\":8000,"
                + "\"candidatesTokenCount\":500,\"thoughtsTokenCount\":1500,"
                + "\"totalTokenCount\":12000}",
            24_980),
        // thinking billed apart: 1000 x 0.15 + 200 x 0.60 + 800 x 3.50 = 150 + 120 + 2800 = 3070
        new Row(
            "gemini 2.5-flash-preview thinking priced apart",
            "gemini",
            "gemini-2.5-flash-preview-04-17",
            LocalDate.of(2025, 5, 1),
            "gemini",
            "{\"promptTokenCount\":1000,\"candidatesTokenCount\":200,"
                + "\"thoughtsTokenCount\":800,\"totalTokenCount\":2000}",
            3070));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void gantry_cost_equals_the_hand_computed_figure(Row row) {
    JsonNode node = Json.tryParse(row.usage().getBytes(StandardCharsets.UTF_8));
    Usage usage = row.shape().equals("gemini") ? Usage.fromGemini(node) : Usage.fromOpenAi(node);
    PriceEntry price =
        PriceCatalog.bundled().find(List.of(row.provider()), row.model(), row.day()).orElseThrow();
    Cost cost = CostCalculator.cost(price, usage, false);
    assertThat(cost.micros()).isEqualTo(row.expectedMicros());
    assertThat(cost.status()).isEqualTo(Cost.Status.EXACT);
  }
}
