package dev.gantry.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceCatalogTest {
  private static final LocalDate TODAY = LocalDate.of(2025, 12, 1);

  @Test
  void every_bundled_entry_is_dated_and_names_its_source() {
    PriceCatalog catalog = PriceCatalog.bundled();
    assertThat(catalog.entries()).hasSizeGreaterThan(40);
    assertThat(catalog.compiled()).isNotNull();
    for (PriceEntry e : catalog.entries()) {
      assertThat(e.source()).as(e.label()).isNotBlank();
      assertThat(e.publishedOn()).as(e.label()).isNotNull();
      assertThat(e.effectiveFrom()).as(e.label()).isNotNull();
      assertThat(e.publishedOn()).as(e.label()).isBeforeOrEqualTo(catalog.compiled());
    }
  }

  @Test
  void covers_openai_azure_anthropic_and_gemini() {
    PriceCatalog c = PriceCatalog.bundled();
    for (String[] pm :
        new String[][] {
          {"openai", "gpt-4o-mini"},
          {"openai", "gpt-5"},
          {"openai", "o4-mini"},
          {"azure", "gpt-4o"},
          {"azure", "gpt-4.1-mini"},
          {"anthropic", "claude-sonnet-4-5"},
          {"anthropic", "claude-3-5-haiku-latest"},
          {"gemini", "gemini-2.5-pro"},
          {"gemini", "gemini-2.5-flash"}
        }) {
      assertThat(c.find(List.of(pm[0]), pm[1], TODAY)).as(pm[0] + "/" + pm[1]).isPresent();
    }
  }

  @Test
  void a_price_change_applies_from_its_date_on() {
    PriceCatalog c = PriceCatalog.bundled();
    PriceEntry before = c.find(List.of("openai"), "o3", LocalDate.of(2025, 6, 9)).orElseThrow();
    PriceEntry after = c.find(List.of("openai"), "o3", LocalDate.of(2025, 6, 10)).orElseThrow();
    assertThat(before.prices().input()).isEqualByComparingTo("10.00");
    assertThat(after.prices().input()).isEqualByComparingTo("2.00");
    assertThat(c.find(List.of("openai"), "o3", LocalDate.of(2025, 4, 15))).isEmpty();
  }

  @Test
  void finds_aliases_in_any_case_and_tries_providers_in_order() {
    PriceCatalog c = PriceCatalog.bundled();
    assertThat(c.find(List.of("anthropic"), "Claude-Sonnet-4-5-20250929", TODAY))
        .map(PriceEntry::model)
        .contains("claude-sonnet-4-5");
    assertThat(c.find(List.of("my-azure", "azure"), "gpt-4o-mini", TODAY))
        .map(PriceEntry::provider)
        .contains("azure");
    assertThat(c.find(List.of("openai"), "no-such-model", TODAY)).isEmpty();
  }

  @Test
  void configured_entries_replace_bundled_ones_and_may_copy_them() {
    PriceCatalog bundled = PriceCatalog.bundled();
    PriceEntry cheaper =
        PriceEntryParser.parse(
            Map.of("provider", "openai", "model", "gpt-4o-mini", "input", "0.01", "output", "0.02"),
            LocalDate.of(2000, 1, 1));
    PriceRule deployment =
        PriceEntryParser.parseRule(
            Map.of("provider", "azure", "model", "my-deployment", "same_as", "gpt-4o-mini"),
            LocalDate.of(2000, 1, 1));
    PriceRule copy =
        PriceEntryParser.parseRule(
            Map.of("provider", "sim", "model", "fake-mini", "same_as", "openai/gpt-4o-mini"),
            LocalDate.of(2000, 1, 1));
    PriceCatalog c = bundled.withOverrides(List.of(cheaper, deployment, copy));
    assertThat(c.find(List.of("sim"), "fake-mini", TODAY).orElseThrow().provider())
        .isEqualTo("openai");
    assertThat(c.find(List.of("openai"), "gpt-4o-mini", TODAY).orElseThrow().prices().input())
        .isEqualByComparingTo("0.01");
    assertThat(c.find(List.of("azure"), "my-deployment", TODAY).orElseThrow().prices().output())
        .isEqualByComparingTo("0.60");
  }

  @Test
  void derives_a_self_hosted_price_from_the_gpu_hour() {
    PriceEntry e =
        PriceEntryParser.parse(
            Map.of(
                "provider",
                "vllm",
                "model",
                "llama",
                "self_hosted",
                Map.of(
                    "gpu_hour_usd",
                    "2.00",
                    "input_tokens_per_second",
                    "5000",
                    "output_tokens_per_second",
                    "500")),
            LocalDate.of(2025, 1, 1));
    // 2.00 USD / (500 tokens/s * 3600 s / 1e6) = 1.111111111 USD per million output tokens
    assertThat(e.prices().output()).isEqualByComparingTo(new BigDecimal("1.111111111"));
    assertThat(e.prices().input()).isEqualByComparingTo(new BigDecimal("0.1111111111"));
  }

  @Test
  void refuses_an_entry_without_prices_naming_the_key() {
    assertThatThrownBy(
            () ->
                PriceEntryParser.parse(Map.of("provider", "x", "model", "y", "input", "1"), TODAY))
        .hasMessageStartingWith("output: required");
    assertThatThrownBy(
            () ->
                PriceEntryParser.parse(
                    Map.of("provider", "x", "model", "y", "input", "-1", "output", "1"), TODAY))
        .hasMessageStartingWith("input: must be >= 0");
  }
}
