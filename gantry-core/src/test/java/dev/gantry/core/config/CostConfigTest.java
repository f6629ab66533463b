package dev.gantry.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.cost.PriceAlias;
import dev.gantry.core.cost.PriceEntry;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostConfigTest {
  static final String PROVIDERS =
      """
      providers:
        sim: {type: openai_compatible, base_url: "http://127.0.0.1:1/v1"}
      """;

  static GantryConfig parse(String yaml) throws ConfigException {
    return ConfigLoader.parse(PROVIDERS + yaml, Map.of(), "gantry.yaml");
  }

  static ConfigException problems(String yaml) {
    try {
      parse(yaml);
    } catch (ConfigException e) {
      return e;
    }
    throw new AssertionError("expected problems");
  }

  @Test
  void reads_limits_prices_budgets_tiers_and_optimisation() throws Exception {
    GantryConfig c =
        parse(
            """
            server: {request_timeout: 30s}
            routes:
              chat:
                tiers:
                  small: [{provider: sim, model: s}]
                  large: [{provider: sim, model: l}]
                tiering: {mode: cascade, threshold: 0.4, checks: [refusal, json]}
                budget: {max_input_tokens: 4000, on_excess: trim, max_output_tokens: 512, max_cost_usd: 0.05}
                optimize: {dedupe: true, compress_context: {ratio: 0.6}, history: {max_turns: 10}}
            cost:
              time_zone: Europe/Paris
              prices:
                - {provider: sim, model: s, input: 0.15, output: 0.60}
                - {provider: sim, model: l, same_as: openai/gpt-4o}
              limits:
                - {scope: customer, period: day, hard: 0.01}
                - {scope: tag, match: "team:x", tenant: acme, period: month, soft: 5}
              keys:
                key_1: {max_output_tokens: 64}
            """);
    RouteConfig chat = c.routes().get("chat");
    assertThat(chat.deployments())
        .as("the last tier serves by default")
        .extracting(DeploymentConfig::model)
        .containsExactly("l");
    assertThat(chat.cost().tiering().names()).containsExactly("small", "large");
    assertThat(chat.cost().tiering().checks())
        .containsExactly(TieringConfig.Check.REFUSAL, TieringConfig.Check.JSON);
    assertThat(chat.cost().budget())
        .isEqualTo(new RequestBudget(4000, RequestBudget.OnExcess.TRIM, 512, 50_000));
    assertThat(chat.cost().optimize().compressRatio()).isEqualTo(0.6);
    assertThat(chat.cost().optimize().compressMinSentences()).isEqualTo(2);
    CostConfig cost = c.cost();
    assertThat(cost.timeZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(cost.prices().get(0)).isInstanceOf(PriceEntry.class);
    assertThat(cost.prices().get(1)).isEqualTo(new PriceAlias("sim", "l", "openai/gpt-4o"));
    assertThat(cost.limits().get(0).code()).isEqualTo("customer_daily");
    assertThat(cost.limits().get(0).hardMicros()).isEqualTo(10_000);
    assertThat(cost.limits().get(1).softMicros()).isEqualTo(5_000_000);
    assertThat(cost.keyBudgets().get("key_1").maxOutputTokens()).isEqualTo(64);
    assertThat(cost.reservationTtl()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void names_every_problem_with_its_path_value_and_allowed_range() {
    ConfigException e =
        problems(
            """
            routes:
              chat:
                deployments: [{provider: sim, model: m}]
                budget: {max_input_tokens: 0, on_excess: drop, max_cost_usd: 0.0000001}
                tiers: {only: [{provider: sim, model: m}]}
            cost:
              time_zone: Mars/Olympus
              prices: [{provider: sim, model: m, input: 0.15}]
              limits:
                - {scope: planet, period: day, hard: 1}
                - {scope: key, period: week, hard: 1}
                - {scope: tenant, period: day, hard: 1, soft: 2}
                - {scope: customer, period: day}
            """);
    assertThat(String.join("\n", e.problems()))
        .contains("routes.chat.budget.max_input_tokens: 0 is out of range; allowed 1..10000000")
        .contains("routes.chat.budget.on_excess: 'drop' is not allowed; allowed reject, trim")
        .contains("routes.chat.budget.max_cost_usd: 0.0000001 has more than six decimals")
        .contains("routes.chat.tiers: needs at least two tiers")
        .contains("cost.time_zone: 'Mars/Olympus' is not a time zone")
        .contains("cost.prices[0].output: required (USD per million tokens)")
        .contains(
            "cost.limits[0].scope: 'planet' is not allowed; allowed tenant, key, customer, tag")
        .contains("cost.limits[1].period: 'week' is not allowed; allowed day, month")
        .contains("cost.limits[2].soft: 2.000000 is above hard 1.000000; allowed <= hard")
        .contains("cost.limits[3]: needs hard or soft");
  }
}
