package dev.gantry.testkit.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.api.Json;
import dev.gantry.core.cost.Usd;
import dev.gantry.gateway.Gateway;
import dev.gantry.sim.Scenario;
import dev.gantry.sim.Simulator;
import dev.gantry.testkit.GantryTestKit;
import dev.gantry.testkit.HttpTestClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tiering benchmark: the 70% simple / 30% complex workload of {@code bench/tiering} through a
 * cascading tiered route (small: priced as gpt-4o-mini, large: priced as gpt-4o), against the same
 * workload on the large model alone, and against ideal routing (each prompt on the tier its label
 * calls for, no escalation). Every complex prompt must be answered by the large tier, and routing
 * may cost at most 3 points of saving against the ideal. How much tiering can save at all depends
 * on the workload: with {@code scenario.yaml} complex answers are 2.4 times longer and carry half
 * the all-large cost; with {@code scenario-equal.yaml} every answer has the same length. Prints the
 * figures recorded in {@code bench/RESULTS.md}.
 */
class TieringWorkloadTest {
  static final Path DIR = Path.of("..", "bench", "tiering");

  record Case(String label, String prompt) {}

  static long cost(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Usd.parse(r.headers().firstValue("x-gantry-cost-usd").orElseThrow());
  }

  @ParameterizedTest
  @ValueSource(strings = {"scenario.yaml", "scenario-equal.yaml"})
  void every_complex_prompt_reaches_the_large_tier_at_a_small_routing_cost(String scenario)
      throws Exception {
    List<Case> cases =
        Files.readAllLines(DIR.resolve("workload.jsonl"), StandardCharsets.UTF_8).stream()
            .map(l -> Json.tryParse(l.getBytes(StandardCharsets.UTF_8)))
            .map(n -> new Case(n.path("label").asText(), n.path("prompt").asText()))
            .toList();
    try (Simulator sim = GantryTestKit.simulator(Scenario.load(DIR.resolve(scenario)));
        Gateway gateway =
            GantryTestKit.gateway(
                """
                providers:
                  sim: {type: openai_compatible, base_url: "${SIM_URL}/v1"}
                routes:
                  assistant:
                    tiers:
                      small: [{provider: sim, model: small-model}]
                      large: [{provider: sim, model: large-model}]
                    tiering: {mode: cascade, threshold: 0.5}
                  cascade-only:
                    tiers:
                      small: [{provider: sim, model: small-model}]
                      large: [{provider: sim, model: large-model}]
                    tiering: {mode: cascade, router: false}
                  all-large:
                    deployments: [{provider: sim, model: large-model}]
                  all-small:
                    deployments: [{provider: sim, model: small-model}]
                cost:
                  prices:
                    - {provider: sim, model: small-model, same_as: openai/gpt-4o-mini}
                    - {provider: sim, model: large-model, same_as: openai/gpt-4o}
                """,
                sim)) {
      HttpTestClient http = new HttpTestClient(gateway.baseUrl());
      long tiered = 0;
      long baseline = 0;
      long ideal = 0;
      long cascadeOnly = 0;
      int cascadeEscalations = 0;
      int finalSmall = 0;
      int escalated = 0;
      int complexOnLarge = 0;
      int complexRoutedLarge = 0;
      int simpleRoutedLarge = 0;
      int complex = 0;
      for (Case c : cases) {
        String body =
            "{\"model\":\"ROUTE\",\"messages\":[{\"role\":\"user\",\"content\":"
                + Json.toString(Json.MAPPER.getNodeFactory().textNode(c.prompt()))
                + "}]}";
        HttpResponse<String> t =
            http.postJson("/v1/chat/completions", body.replace("ROUTE", "assistant"));
        long large =
            cost(http.postJson("/v1/chat/completions", body.replace("ROUTE", "all-large")));
        tiered += cost(t);
        HttpResponse<String> k =
            http.postJson("/v1/chat/completions", body.replace("ROUTE", "cascade-only"));
        cascadeOnly += cost(k);
        cascadeEscalations += k.headers().firstValue("x-gantry-escalated").isPresent() ? 1 : 0;
        baseline += large;
        String tier = t.headers().firstValue("x-gantry-tier").orElseThrow();
        boolean wasEscalated = t.headers().firstValue("x-gantry-escalated").isPresent();
        finalSmall += tier.equals("small") ? 1 : 0;
        escalated += wasEscalated ? 1 : 0;
        if (c.label().equals("complex")) {
          complex++;
          ideal += large;
          complexOnLarge += tier.equals("large") ? 1 : 0;
          complexRoutedLarge += tier.equals("large") && !wasEscalated ? 1 : 0;
        } else {
          ideal += cost(http.postJson("/v1/chat/completions", body.replace("ROUTE", "all-small")));
          simpleRoutedLarge += tier.equals("large") ? 1 : 0;
        }
      }
      double saved = 100.0 * (baseline - tiered) / baseline;
      double idealSaved = 100.0 * (baseline - ideal) / baseline;
      System.out.printf(
          Locale.ROOT,
          "%s: %d prompts (%d complex): all-large USD %s, tiered USD %s, saved %.1f%% (ideal"
              + " routing: USD %s, %.1f%%); answered by small %d, by large %d; escalations %d"
              + " (%.1f%%); complex prompts sent to large by the router %d/%d, answered by large"
              + " %d/%d; simple prompts sent to large %d/%d; without the router (every prompt starts"
              + " small): USD %s, saved %.1f%%, escalations %d (%.1f%%)%n",
          scenario,
          cases.size(),
          complex,
          Usd.format(baseline),
          Usd.format(tiered),
          saved,
          Usd.format(ideal),
          idealSaved,
          finalSmall,
          cases.size() - finalSmall,
          escalated,
          100.0 * escalated / cases.size(),
          complexRoutedLarge,
          complex,
          complexOnLarge,
          complex,
          simpleRoutedLarge,
          cases.size() - complex,
          Usd.format(cascadeOnly),
          100.0 * (baseline - cascadeOnly) / baseline,
          cascadeEscalations,
          100.0 * cascadeEscalations / cases.size());
      assertThat(complexOnLarge)
          .as("every complex prompt reaches the large tier")
          .isEqualTo(complex);
      assertThat(saved)
          .as("routing costs little against ideal routing")
          .isGreaterThan(idealSaved - 3.0);
      if (scenario.equals("scenario-equal.yaml")) {
        assertThat(saved)
            .as("with answers of one length, at least half is saved")
            .isGreaterThanOrEqualTo(50.0);
      }
    }
  }
}
